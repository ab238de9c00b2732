package dev.crossfade.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Creates Lambda functions in moto whose code is a placeholder: with the {@link LambdaBridge}, the
 * Java handler registered under the same name runs instead. The function must exist in moto so
 * that names and ARNs resolve (and an unknown one fails as on AWS).
 */
public final class BridgedFunctions {

    /** The execution role moto requires to exist before CreateFunction. */
    public static final String ROLE_NAME = "crossfade-bridged-function";
    private static final Pattern FUNCTION_ARN = Pattern.compile("\"FunctionArn\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ROLE_ARN = Pattern.compile("<Arn>([^<]+)</Arn>");

    private final MotoServer moto;
    private final HttpClient http = HttpClient.newHttpClient();

    public BridgedFunctions(MotoServer moto) {
        this.moto = moto;
    }

    /**
     * Creates {@code functionName} in {@code region} (runtime java21) and returns its ARN.
     * {@code timeoutSeconds} is honoured by the bridge as Lambda's timeout ({@code Sandbox.Timedout}).
     */
    public String create(String region, String functionName, int timeoutSeconds) {
        String role = ensureRole();
        String body = "{\"FunctionName\":" + Json.quote(functionName)
                + ",\"Runtime\":\"java21\",\"Handler\":\"bridged\",\"Timeout\":" + timeoutSeconds
                + ",\"Role\":" + Json.quote(role)
                + ",\"Code\":{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(placeholderZip()) + "\"}}";
        HttpResponse<String> response = send(region, "lambda", "/2015-03-31/functions", "application/json", body);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("moto CreateFunction " + functionName + " in " + region
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        Matcher arn = FUNCTION_ARN.matcher(response.body());
        if (!arn.find()) {
            throw new IllegalStateException("moto CreateFunction answered without FunctionArn: " + response.body());
        }
        return arn.group(1);
    }

    private String ensureRole() {
        String form = "Action=CreateRole&Version=2010-05-08&RoleName=" + ROLE_NAME + "&AssumeRolePolicyDocument="
                + URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", StandardCharsets.UTF_8);
        HttpResponse<String> response = send("us-east-1", "iam", "/", "application/x-www-form-urlencoded", form);
        if (response.statusCode() / 100 != 2 && !response.body().contains("EntityAlreadyExists")) {
            throw new IllegalStateException("moto CreateRole answered " + response.statusCode() + ": " + response.body());
        }
        if (response.statusCode() / 100 != 2) {
            response = send("us-east-1", "iam", "/", "application/x-www-form-urlencoded",
                    "Action=GetRole&Version=2010-05-08&RoleName=" + ROLE_NAME);
        }
        // the role's ARN as moto made it: its account is the server's (MOTO_ACCOUNT_ID), and Lambda refuses
        // a role of another account ("Cross-account pass role is not allowed")
        Matcher arn = ROLE_ARN.matcher(response.body());
        if (!arn.find()) {
            throw new IllegalStateException("moto " + (response.statusCode() / 100 == 2 ? "" : "GetRole ") + "answered without the role's Arn: "
                    + response.body());
        }
        return arn.group(1);
    }

    private HttpResponse<String> send(String region, String service, String path, String contentType, String body) {
        // moto takes the region from the credential scope; nothing is verified.
        String authorization = "AWS4-HMAC-SHA256 Credential=testing/20250101/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host, Signature=0";
        try {
            return http.send(HttpRequest.newBuilder(moto.endpoint().resolve(path))
                    .header("Content-Type", contentType)
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] placeholderZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write("runs through dev.crossfade.emulator.LambdaBridge".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
