package org.safeguarding.hub.escalation;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;
import org.safeguarding.hub.mash.ResponseClock;

import java.util.ArrayList;
import java.util.List;

/** The escalation rules from {@code escalation.yml}, validated at start-up. */
public record EscalationPolicy(Timeliness timeliness, Disagreement disagreement) {

    public static final String FILE = "escalation.yml";

    /** Timeliness escalations: to whom first, to whom next, and after how long. */
    public record Timeliness(String addressedToRole, String nextRole, ResponseClock furtherPeriod) {
    }

    /** Professional disagreement stages, in order. */
    public record Disagreement(List<Stage> stages) {
    }

    /** One stage of the disagreement policy and its time limit in working days. */
    public record Stage(int stage, String name, String addressedToRole, int dueWorkingDays) {
    }

    public static EscalationPolicy load(ConfigFiles files) {
        EscalationPolicy policy = files.read(FILE, EscalationPolicy.class);
        ConfigurationException.throwIfAny(files.describe(FILE), policy.problems());
        return policy;
    }

    /** Stage {@code number}, which must exist. */
    public Stage stage(int number) {
        return disagreement.stages().get(number - 1);
    }

    public int lastStage() {
        return disagreement.stages().size();
    }

    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (timeliness == null) {
            problems.add("timeliness: missing");
        } else {
            if (blank(timeliness.addressedToRole()) || blank(timeliness.nextRole())) {
                problems.add("timeliness: addressed-to-role and next-role are required");
            }
            if (timeliness.furtherPeriod() == null || timeliness.furtherPeriod().basis() == null
                    || timeliness.furtherPeriod().amount() <= 0) {
                problems.add("timeliness.further-period: give { amount: N, basis: working-hours } with N > 0");
            }
        }
        if (disagreement == null || disagreement.stages() == null || disagreement.stages().isEmpty()) {
            problems.add("disagreement.stages: list the stages, starting at stage 1");
            return problems;
        }
        for (int i = 0; i < disagreement.stages().size(); i++) {
            Stage s = disagreement.stages().get(i);
            String where = "disagreement.stages[" + i + "]";
            if (s.stage() != i + 1) {
                problems.add(where + ".stage: " + s.stage() + " should be " + (i + 1) + " (stages are numbered 1, 2, 3 in order)");
            }
            if (blank(s.name()) || blank(s.addressedToRole())) {
                problems.add(where + ": name and addressed-to-role are required");
            }
            if (s.dueWorkingDays() <= 0) {
                problems.add(where + ".due-working-days: must be a positive number of working days");
            }
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
