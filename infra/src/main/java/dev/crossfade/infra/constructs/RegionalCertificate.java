package dev.crossfade.infra.constructs;

import dev.crossfade.infra.PropsBuilder;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.route53.HostedZone;
import software.constructs.Construct;

/**
 * An ACM certificate of this region for the ALB, validated by DNS in the topology's hosted zone
 * (CloudFormation writes the validation records and waits until the certificate is issued). It
 * covers {@code domain.name}, the region's own name and, with Global Accelerator, its alias
 * name: every name a client or a peer's canary reaches this ALB by.
 */
public final class RegionalCertificate extends Construct {

    private final Certificate certificate;

    public RegionalCertificate(Construct scope, String id, Props props) {
        super(scope, id);
        certificate = Certificate.Builder.create(this, "Certificate")
                .domainName(props.domainName())
                .subjectAlternativeNames(props.alternativeNames())
                .validation(CertificateValidation.fromDns(HostedZone.fromHostedZoneId(this, "Zone", props.hostedZoneId())))
                .build();
    }

    public String certificateArn() {
        return certificate.getCertificateArn();
    }

    @PropsBuilder
    public record Props(String domainName, List<String> alternativeNames, String hostedZoneId) {

        public Props {
            Objects.requireNonNull(domainName, "domainName");
            Objects.requireNonNull(hostedZoneId, "hostedZoneId");
            alternativeNames = List.copyOf(alternativeNames);
        }

        public static RegionalCertificatePropsBuilder builder() { return RegionalCertificatePropsBuilder.builder(); }
    }
}
