package io.resourcepool.core.hub;

/**
 * OpenSSH's {@code MaxStartups start:rate:full} for connections that have not yet authenticated: from
 * {@code start} of them on, a new connection is refused with probability {@code rate} percent, rising linearly
 * to 100% at {@code full}, where every new one is refused. Early random refusals spread the pain of a flood
 * over the flood, instead of letting it fill the table and then refuse everyone.
 *
 * @param start unauthenticated connections from which refusals begin, 1 or more
 * @param ratePercent the chance of refusal at {@code start}, 0 to 100
 * @param full unauthenticated connections at which every new one is refused, at least {@code start}
 */
public record MaxStartups(int start, int ratePercent, int full) {
    /** The default, {@code 10:30:100}. */
    public static final MaxStartups DEFAULT = new MaxStartups(10, 30, 100);

    /** Checks the figures. */
    public MaxStartups {
        if (start < 1 || full < start || full > 1_000_000) {
            throw new IllegalArgumentException("maxStartups must be start:rate:full with 1 <= start <= full <= 1000000, was "
                    + start + ":" + ratePercent + ":" + full);
        }
        if (ratePercent < 0 || ratePercent > 100) {
            throw new IllegalArgumentException("maxStartups rate must be a percentage from 0 to 100, was " + ratePercent);
        }
    }

    /**
     * Reads {@code start:rate:full}, or a single number {@code n} meaning {@code n:100:n}.
     *
     * @param text the setting
     * @return the figures
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static MaxStartups parse(String text) {
        String[] parts = text.trim().split(":", -1);
        try {
            return switch (parts.length) {
                case 1 -> new MaxStartups(Integer.parseInt(parts[0]), 100, Integer.parseInt(parts[0]));
                case 3 -> new MaxStartups(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maxStartups must be start:rate:full (e.g. 10:30:100) or one number, was '" + text + "'", e);
        }
    }

    /**
     * The chance, in percent, that a new connection is refused when this many are unauthenticated already.
     *
     * @param unauthenticated connections that have not authenticated yet
     * @return 0 below {@code start}, 100 at {@code full} and above, linear between
     */
    public int refusalPercent(int unauthenticated) {
        if (unauthenticated >= full) {
            return 100;
        }
        if (unauthenticated < start) {
            return 0;
        }
        return ratePercent + (100 - ratePercent) * (unauthenticated - start) / (full - start);
    }

    @Override
    public String toString() {
        return start + ":" + ratePercent + ":" + full;
    }
}
