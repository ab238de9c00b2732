package dev.crossfade.cli.doctor;

/**
 * One readiness check's verdict.
 *
 * @param region the region checked, or "global"
 * @param fix    what to do about a WARN or FAIL; empty on PASS
 */
public record Check(String name, String region, Status status, String detail, String fix) {

    public enum Status { PASS, WARN, FAIL }

    static Check pass(String name, String region, String detail) {
        return new Check(name, region, Status.PASS, detail, "");
    }

    static Check warn(String name, String region, String detail, String fix) {
        return new Check(name, region, Status.WARN, detail, fix);
    }

    static Check fail(String name, String region, String detail, String fix) {
        return new Check(name, region, Status.FAIL, detail, fix);
    }
}
