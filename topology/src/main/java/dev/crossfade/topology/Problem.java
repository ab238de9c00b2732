package dev.crossfade.topology;

/**
 * One thing wrong with a topology file.
 *
 * @param path    key path such as {@code regions.eu-west-1.vpcCidr} ({@code (file)} for the whole file)
 * @param line    1-based line in the file, or 0 when the parser could not tell
 */
public record Problem(String path, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? path + " (line " + line + "): " + message : path + ": " + message;
    }
}
