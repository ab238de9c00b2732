package dev.crossfade.cli.doctor;

import dev.crossfade.cli.deploy.DeployPlan;
import dev.crossfade.infra.constructs.RegionalNetwork;
import dev.crossfade.topology.DeprecatedEngineVersions;
import dev.crossfade.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.route53.model.HostedZone;

/**
 * Read-only readiness checks of an account for a topology (docs/cli.md {@code doctor}). Every call is a
 * Describe/Get/List; nothing is created or changed. docs/operations.md lists the checks.
 */
public final class Doctor {

    /** Quota codes (Service Quotas): VPCs per Region, EC2-VPC Elastic IPs, NAT gateways per AZ. */
    static final String VPC_QUOTA = "L-F678F1CE";
    static final String EIP_QUOTA = "L-0263D0A3";
    static final String NAT_QUOTA = "L-FE5A380F";

    private final Topology t;
    private final AccountClients aws;
    private String account;

    Doctor(Topology t, AccountClients aws) {
        this.t = t;
        this.aws = aws;
    }

    public static List<Check> run(Topology t, AccountClients aws) {
        return new Doctor(t, aws).checks();
    }

    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(credentials());
        String shown = account != null ? account : t.account().orElse("ACCOUNT");
        for (String region : DeployPlan.bootstrapRegions(t)) {
            checks.add(bootstrap(region, shown));
        }
        checks.add(hostedZone());
        checks.addAll(engine());
        for (Topology.Region r : t.enabledRegions()) {
            checks.add(instanceType(r));
            checks.add(vpcQuota(r.name()));
            checks.add(eipQuota(r.name()));
            checks.add(natQuota(r.name()));
        }
        if (t.globalAccelerator().enabled()) {
            checks.add(acceleratorQuota());
        }
        checks.addAll(certificate());
        return checks;
    }

    private Check credentials() {
        try (var sts = aws.sts()) {
            var me = sts.getCallerIdentity();
            account = me.account();
            if (t.account().isPresent() && !t.account().get().equals(me.account())) {
                return Check.fail("credentials", "global", "the credentials are of account " + me.account() + " (" + me.arn()
                        + "), the topology deploys to " + t.account().get(),
                        "use credentials of account " + t.account().get() + " (AWS_PROFILE), or correct `account` in the topology");
            }
            return Check.pass("credentials", "global", "account " + me.account() + " as " + me.arn());
        } catch (SdkException e) {
            return Check.fail("credentials", "global", "no usable credentials: " + e.getMessage(),
                    "configure credentials: `aws configure sso` / `aws sso login`, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
    }

    private Check bootstrap(String region, String shownAccount) {
        String fix = "cdk bootstrap aws://" + shownAccount + "/" + region + " (once per account and region)";
        try (var cfn = aws.cloudFormation(region)) {
            Optional<Stack> toolkit = cfn.describeStacks(r -> r.stackName("CDKToolkit")).stacks().stream().findFirst();
            if (toolkit.isEmpty()) {
                return Check.fail("cdk-bootstrap", region, "no CDKToolkit stack", fix);
            }
            String status = toolkit.get().stackStatusAsString();
            if (!status.endsWith("_COMPLETE") || status.contains("ROLLBACK") || status.startsWith("DELETE")) {
                return Check.fail("cdk-bootstrap", region, "CDKToolkit is " + status, fix);
            }
            return Check.pass("cdk-bootstrap", region, "CDKToolkit " + status);
        } catch (SdkException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return Check.fail("cdk-bootstrap", region, "no CDKToolkit stack", fix);
            }
            return Check.fail("cdk-bootstrap", region, "cannot read CDKToolkit: " + e.getMessage(), fix);
        }
    }

    private Check hostedZone() {
        String id = t.domain().hostedZoneId();
        String name = t.domain().name().toLowerCase(Locale.ROOT);
        try (var route53 = aws.route53()) {
            HostedZone zone = route53.getHostedZone(r -> r.id(id)).hostedZone();
            String zoneName = zone.name().toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
            if (zone.config() != null && Boolean.TRUE.equals(zone.config().privateZone())) {
                return Check.fail("hosted-zone", "global", "zone " + id + " (" + zoneName + ") is private: the internet cannot resolve "
                        + name, "set domain.hostedZoneId to the public hosted zone of " + name);
            }
            if (!name.equals(zoneName) && !name.endsWith("." + zoneName)) {
                return Check.fail("hosted-zone", "global", "zone " + id + " is " + zoneName + ", which does not serve " + name,
                        "set domain.hostedZoneId to the hosted zone of " + name + " (aws route53 list-hosted-zones-by-name)");
            }
            return Check.pass("hosted-zone", "global", "zone " + id + " (" + zoneName + ") serves " + name);
        } catch (SdkException e) {
            return Check.fail("hosted-zone", "global", "cannot read hosted zone " + id + ": " + e.getMessage(),
                    "create a public hosted zone for " + name + " and set domain.hostedZoneId to its id");
        }
    }

    private List<Check> engine() {
        Topology.Database db = t.database();
        String engine = db.engine() == Topology.Engine.RDS_POSTGRES ? "postgres" : "aurora-postgresql";
        List<Check> checks = new ArrayList<>();
        if (DeprecatedEngineVersions.isDeprecated(db.engine(), db.engineVersion())) {
            checks.add(Check.fail("engine-version", "global", engine + " " + db.engineVersion()
                    + " is deprecated: it cannot be used to create new databases", "set database.engineVersion to a current version"));
        }
        for (Topology.Region r : t.enabledRegions()) {
            try (var rds = aws.rds(r.name())) {
                boolean orderable = !rds.describeOrderableDBInstanceOptions(q -> q.engine(engine).engineVersion(db.engineVersion())
                        .dbInstanceClass(db.instanceClass())).orderableDBInstanceOptions().isEmpty();
                checks.add(orderable
                        ? Check.pass("engine-orderable", r.name(), engine + " " + db.engineVersion() + " on " + db.instanceClass())
                        : Check.fail("engine-orderable", r.name(), engine + " " + db.engineVersion() + " on " + db.instanceClass()
                                + " cannot be ordered here", "choose a version and class that `aws rds describe-orderable-db-instance-options"
                                + " --engine " + engine + " --region " + r.name() + "` lists"));
            } catch (SdkException e) {
                checks.add(Check.warn("engine-orderable", r.name(), "cannot read the orderable options: " + e.getMessage(),
                        "check with `aws rds describe-orderable-db-instance-options --engine " + engine + " --region " + r.name() + "`"));
            }
        }
        return checks;
    }

    private Check instanceType(Topology.Region r) {
        try (var ec2 = aws.ec2(r.name())) {
            boolean offered = !ec2.describeInstanceTypeOfferings(q -> q.locationType(LocationType.REGION)
                    .filters(Filter.builder().name("instance-type").values(r.instanceType()).build())).instanceTypeOfferings().isEmpty();
            return offered ? Check.pass("instance-type", r.name(), r.instanceType() + " is offered")
                    : Check.fail("instance-type", r.name(), r.instanceType() + " is not offered in " + r.name(),
                    "set regions." + r.name() + ".instanceType to a type offered there");
        } catch (SdkException e) {
            return Check.warn("instance-type", r.name(), "cannot read the offerings: " + e.getMessage(),
                    "check with `aws ec2 describe-instance-type-offerings --region " + r.name() + "`");
        }
    }

    private Check vpcQuota(String region) {
        return quota("quota-vpcs", region, "vpc", VPC_QUOTA, "VPCs", 1,
                () -> { try (var ec2 = aws.ec2(region)) { return ec2.describeVpcs().vpcs().size(); } });
    }

    private Check eipQuota(String region) {
        int nat = RegionalNetwork.natGateways(RegionalNetwork.DEFAULT_AZ_COUNT);
        return quota("quota-elastic-ips", region, "ec2", EIP_QUOTA, "Elastic IPs", nat,
                () -> { try (var ec2 = aws.ec2(region)) { return ec2.describeAddresses().addresses().size(); } });
    }

    private Check natQuota(String region) {
        return quota("quota-nat-gateways", region, "vpc", NAT_QUOTA, "NAT gateways in one AZ", 1,
                () -> { try (var ec2 = aws.ec2(region)) {
                    // the most NAT gateways in one subnet's zone; the VPC adds one per zone
                    return ec2.describeNatGateways().natGateways().stream()
                            .filter(n -> !"deleted".equals(n.stateAsString()) && !"failed".equals(n.stateAsString()))
                            .collect(java.util.stream.Collectors.groupingBy(n -> n.subnetId(), java.util.stream.Collectors.counting()))
                            .values().stream().mapToInt(Long::intValue).max().orElse(0); } });
    }

    /** Usage + needed against the applied quota; a quota that cannot be read is a WARN, never a guess. */
    private Check quota(String name, String region, String service, String code, String what, int needed, Supplier<Integer> usage) {
        String fix = "check Service Quotas (" + service + " " + code + ") in " + region + " and request an increase if "
                + needed + " more " + what + " do not fit";
        double limit;
        try (var quotas = aws.quotas(region)) {
            limit = quotas.getServiceQuota(q -> q.serviceCode(service).quotaCode(code)).quota().value();
        } catch (SdkException e) {
            return Check.warn(name, region, "cannot read quota " + service + "/" + code + ": " + e.getMessage(), fix);
        }
        int used;
        try {
            used = usage.get();
        } catch (SdkException e) {
            return Check.warn(name, region, "cannot read the " + what + " in use: " + e.getMessage(), fix);
        }
        return used + needed <= limit
                ? Check.pass(name, region, used + " " + what + " in use + " + needed + " needed <= quota " + (long) limit)
                : Check.fail(name, region, used + " " + what + " in use + " + needed + " needed > quota " + (long) limit,
                "request a quota increase (Service Quotas " + service + " " + code + ") or free " + what + " in " + region);
    }

    private Check acceleratorQuota() {
        try (var quotas = aws.quotas("us-west-2")) {
            var found = quotas.listServiceQuotas(q -> q.serviceCode("globalaccelerator")).quotas().stream()
                    .filter(q -> q.quotaName().toLowerCase(Locale.ROOT).contains("accelerators per")).findFirst();
            return found.map(q -> Check.pass("quota-accelerators", "us-west-2", q.quotaName() + ": " + q.value().longValue()
                            + " (the topology needs 1)"))
                    .orElseGet(() -> Check.warn("quota-accelerators", "us-west-2", "no accelerators quota listed",
                            "check Service Quotas (globalaccelerator) in us-west-2"));
        } catch (SdkException e) {
            return Check.warn("quota-accelerators", "us-west-2", "cannot read the Global Accelerator quotas: " + e.getMessage(),
                    "check Service Quotas (globalaccelerator) in us-west-2: the topology needs 1 accelerator");
        }
    }

    private List<Check> certificate() {
        Optional<String> arn = t.app().certificateArn();
        if (arn.isEmpty()) {
            return List.of(Check.pass("certificate", "global", t.healthCheck().protocol() == Topology.Protocol.HTTPS
                    ? "each regional stack requests a DNS-validated certificate in " + t.domain().hostedZoneId()
                    : "no certificate needed (" + t.healthCheck().protocol() + " health checks, HTTP listener)"));
        }
        String[] parts = arn.get().split(":");
        String certRegion = parts.length > 3 ? parts[3] : "";
        List<String> names = new ArrayList<>(List.of(t.domain().name()));
        List<Check> checks = new ArrayList<>();
        for (Topology.Region r : t.enabledRegions()) {
            names.add(r.name() + "." + t.domain().name());
            if (!r.name().equals(certRegion)) {
                checks.add(Check.fail("certificate", r.name(), "app.certificateArn is a certificate of " + certRegion
                        + "; an ALB uses certificates of its own region only", "drop app.certificateArn (each regional stack then "
                        + "creates its own certificate), or use certificates issued in every enabled region"));
            }
        }
        if (t.globalAccelerator().enabled()) {
            names.add("ga." + t.domain().name());
        }
        try (var acm = aws.acm(certRegion)) {
            CertificateDetail cert = acm.describeCertificate(r -> r.certificateArn(arn.get())).certificate();
            List<String> covered = new ArrayList<>(cert.subjectAlternativeNames());
            covered.add(cert.domainName());
            List<String> missing = names.stream().filter(n -> covered.stream().noneMatch(c -> covers(c, n))).toList();
            if (!"ISSUED".equals(cert.statusAsString())) {
                checks.add(Check.fail("certificate", certRegion, "certificate is " + cert.statusAsString(),
                        "complete the certificate's validation in ACM"));
            } else if (!missing.isEmpty()) {
                checks.add(Check.fail("certificate", certRegion, "certificate does not cover " + missing,
                        "issue a certificate for " + t.domain().name() + " and *." + t.domain().name()));
            } else {
                checks.add(Check.pass("certificate", certRegion, "issued, covers " + names));
            }
        } catch (SdkException e) {
            checks.add(Check.fail("certificate", certRegion, "cannot read " + arn.get() + ": " + e.getMessage(),
                    "check app.certificateArn"));
        }
        return checks;
    }

    /** ACM's matching: an exact name, or a wildcard covering exactly one label. */
    static boolean covers(String certName, String name) {
        String c = certName.toLowerCase(Locale.ROOT);
        String n = name.toLowerCase(Locale.ROOT);
        if (c.startsWith("*.")) {
            int dot = n.indexOf('.');
            return dot > 0 && n.substring(dot + 1).equals(c.substring(2));
        }
        return c.equals(n);
    }
}
