/**
 * The {@code ./crosspt} command line (picocli). Bad input exits 2 with one line naming the file, field or option;
 * a failed check exits 1.
 *
 * <p>Help texts follow these rules, which {@code HelpTextTest} checks for every command:
 * <ul>
 *   <li>{@code header}: one complete sentence of at most 60 characters (the command list has 80 columns), ending with a full stop. It is what
 *       {@code crosspt --help} lists beside the command, so it must make sense alone.</li>
 *   <li>{@code description}: paragraphs, one array element each, never a sentence broken across elements;
 *       picocli wraps them to the terminal. Write a percent sign as {@code %%}: descriptions are format strings.</li>
 *   <li>Every option or parameter that takes a value has a {@code paramLabel} saying what goes there: {@code N},
 *       {@code K}, {@code RATE}, {@code SEED}, {@code DIR}, {@code FILE}, {@code NAME}, {@code TASK[,TASK...]},
 *       {@code KEY=VALUE}, or the choices ({@code natural|synthetic}); never picocli's {@code <fieldName>}.</li>
 *   <li>Defaults are shown as {@code (default: ${DEFAULT-VALUE})}.</li>
 * </ul>
 */
package dev.crosspt.cli;
