package dev.crosspt.data.format;

import dev.crosspt.api.InvalidInputException;
import dev.crosspt.data.Example;
import dev.crosspt.data.RawExample;
import dev.crosspt.data.RawTask;
import dev.crosspt.data.TaskData;
import java.util.ArrayList;
import java.util.List;

/** Turns chosen raw records of a task into the text-to-text {@link TaskData} that training and evaluation use. */
public final class Formatting {

    private Formatting() {
    }

    /**
     * Formats the records of a task.
     *
     * <p>Every record needs a label, since training and evaluation compare with it: to evaluate on a task whose
     * test split is unlabeled (GLUE, SuperGLUE), pass records of its validation split as {@code test}.
     *
     * @param raw the task the records come from (its name and kind)
     * @param train the training records, at least one
     * @param dev the records for model selection
     * @param test the records for the final evaluation
     * @param verbalizer makes targets; its candidates become the task's labels
     * @param prefix whether inputs start with the task name
     * @throws InvalidInputException if the training set is empty or a record has no label, naming its origin
     */
    public static TaskData toTaskData(RawTask raw, List<RawExample> train, List<RawExample> dev,
            List<RawExample> test, Verbalizer verbalizer, boolean prefix) {
        if (train.isEmpty()) {
            throw new InvalidInputException("task '" + raw.name() + "': no training records to format");
        }
        TaskFormatter formatter = TaskFormatter.forTask(raw, verbalizer, prefix);
        return new TaskData(raw.name(), verbalizer.candidates(), format(raw, "train", train, formatter),
                format(raw, "dev", dev, formatter), format(raw, "test", test, formatter));
    }

    private static List<Example> format(RawTask raw, String role, List<RawExample> records, TaskFormatter f) {
        List<Example> out = new ArrayList<>(records.size());
        for (RawExample e : records) {
            if (e.label() == null) {
                throw new InvalidInputException(e.origin() + ": record has no label, but task '" + raw.name()
                        + "' needs labels in its " + role + " set (unlabeled test splits cannot be scored; use "
                        + "validation records instead)");
            }
            out.add(f.format(e));
        }
        return out;
    }
}
