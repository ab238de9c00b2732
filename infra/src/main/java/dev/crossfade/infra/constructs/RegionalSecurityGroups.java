package dev.crossfade.infra.constructs;

import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * The three tiers' security groups, chained so that each tier is reachable only from the one in
 * front of it: the internet reaches the ALB on 443 and 80, the ALB reaches the service's tasks on
 * the container port, the tasks reach the database on its port. With VPC peering, the database
 * and service groups also admit each peered region's VPC CIDR on their port. Nothing else is allowed in.
 */
public final class RegionalSecurityGroups extends Construct {

    private final SecurityGroup alb;
    private final SecurityGroup service;
    private final SecurityGroup database;

    public RegionalSecurityGroups(Construct scope, String id, Props props) {
        super(scope, id);
        alb = SecurityGroup.Builder.create(this, "Alb").vpc(props.vpc())
                .description("Public ALB: HTTPS and HTTP from the internet").allowAllOutbound(false).build();
        service = SecurityGroup.Builder.create(this, "Service").vpc(props.vpc())
                .description("ECS service tasks: container port from the ALB only").allowAllOutbound(true).build();
        database = SecurityGroup.Builder.create(this, "Database").vpc(props.vpc())
                .description("Database: its port from the ECS service only").allowAllOutbound(false).build();

        alb.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the internet");
        alb.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from the internet");
        alb.addEgressRule(service, Port.tcp(props.appPort()), "to the service tasks");
        service.addIngressRule(alb, Port.tcp(props.appPort()), "from the ALB only");
        database.addIngressRule(service, Port.tcp(props.databasePort()), "from the ECS service only");
        // VPC peering carries traffic only where a group admits the peer's CIDR: exactly the enabled peers', on the
        // two ports that cross regions (database replication and clients, the service itself)
        props.peerCidrs().forEach((peer, cidr) -> {
            database.addIngressRule(Peer.ipv4(cidr), Port.tcp(props.databasePort()), "database port from peer " + peer + " (VPC peering)");
            service.addIngressRule(Peer.ipv4(cidr), Port.tcp(props.appPort()), "service port from peer " + peer + " (VPC peering)");
        });
        Nag.suppress(alb, "AwsSolutions-EC23", "The internet-facing ALB must accept 443 and 80 from any address; "
                + "it is the only group open to the internet and forwards to the service port only.");
    }

    public ISecurityGroup alb() { return alb; }

    public ISecurityGroup service() { return service; }

    /** For the database constructs: already open to the service on {@link Props#databasePort()}. */
    public ISecurityGroup database() { return database; }

    /**
     * @param appPort      the container port the ALB forwards to ({@code app.containerPort})
     * @param databasePort the database port the service connects to (5432 for PostgreSQL)
     * @param peerCidrs    peered region -> its VPC CIDR (empty without {@code replication.vpcPeering})
     */
    @PropsBuilder
    public record Props(IVpc vpc, int appPort,
                        @RecordBuilder.Initializer("DEFAULT_DATABASE_PORT") int databasePort,
                        Map<String, String> peerCidrs) {

        public static final int DEFAULT_DATABASE_PORT = 5432;

        public Props {
            Objects.requireNonNull(vpc, "vpc");
            peerCidrs = Collections.unmodifiableMap(new TreeMap<>(peerCidrs));
            checkPort("appPort", appPort);
            checkPort("databasePort", databasePort);
        }

        private static void checkPort(String name, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 1..65535, found " + port);
            }
        }

        public static RegionalSecurityGroupsPropsBuilder builder() { return RegionalSecurityGroupsPropsBuilder.builder(); }
    }
}
