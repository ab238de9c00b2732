package dev.crossfade.topology;

/** An IPv4 CIDR block, enough to test overlap. */
record Cidr(long base, int prefix) {

    static Cidr parse(String text) {
        var m = java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})").matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return null;
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            return null;
        }
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        if ((address & mask) != address) {
            return null; // host bits set: 10.0.0.1/16 is not a network address
        }
        return new Cidr(address, prefix);
    }

    boolean overlaps(Cidr other) {
        int shorter = Math.min(prefix, other.prefix);
        long mask = shorter == 0 ? 0 : (0xFFFFFFFFL << (32 - shorter)) & 0xFFFFFFFFL;
        return (base & mask) == (other.base & mask);
    }
}
