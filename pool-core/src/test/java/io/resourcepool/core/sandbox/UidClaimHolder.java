package io.resourcepool.core.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/** Run in a JVM of its own by {@link UidClaimsTest}: claims a uid, prints whether it could, and waits to be killed. */
final class UidClaimHolder {
    private UidClaimHolder() {}

    public static void main(String[] args) throws IOException {
        boolean claimed = new UidClaims(Path.of(args[0])).claim(Integer.parseInt(args[1]));
        System.out.println(claimed ? "claimed" : "refused");
        System.out.flush();
        System.in.read();
    }
}
