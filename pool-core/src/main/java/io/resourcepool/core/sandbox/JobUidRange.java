package io.resourcepool.core.sandbox;

import io.resourcepool.api.ConfigurationException;

/**
 * The uids (each with the gid of the same number) a root worker gives its jobs, one per running job, in the manner
 * of systemd's {@code DynamicUser}: the default, {@value #DEFAULT}, is the range systemd reserves for that.
 *
 * @param first the lowest uid, never 0
 * @param last the highest uid, not below {@code first}
 */
public record JobUidRange(int first, int last) {
    /** The default range, the one systemd leaves to dynamic users. */
    public static final String DEFAULT = "61184-65519";
    /** Its value. */
    public static final JobUidRange DEFAULT_RANGE = parse(DEFAULT);

    /** Checks the bounds. */
    public JobUidRange {
        if (first <= 0) {
            throw new IllegalArgumentException("the first job uid must be above 0 (root), was " + first);
        }
        if (last < first) {
            throw new IllegalArgumentException("the job uid range " + first + "-" + last + " is empty: the first must not be above the last");
        }
    }

    /**
     * Reads {@code FIRST-LAST}, for example {@value #DEFAULT}.
     *
     * @param text the range
     * @return the range
     * @throws ConfigurationException when it is not two whole numbers, or contains 0, or is empty
     */
    public static JobUidRange parse(String text) {
        String[] bounds = text.strip().split("-", -1);
        try {
            if (bounds.length != 2) {
                throw new NumberFormatException();
            }
            return new JobUidRange(Integer.parseInt(bounds[0].strip()), Integer.parseInt(bounds[1].strip()));
        } catch (NumberFormatException e) {
            throw new ConfigurationException("a job uid range is FIRST-LAST, for example " + DEFAULT + ", not '" + text + "'");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /**
     * Says whether a uid is in the range.
     *
     * @param uid the uid
     * @return true when {@code first <= uid <= last}
     */
    boolean contains(int uid) {
        return uid >= first && uid <= last;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
