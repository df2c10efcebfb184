/**
 * Interoperability with Hugging Face PEFT, engine-free: {@link dev.crosspt.peft.PeftPromptAdapter} writes a
 * crosspt soft prompt as a PEFT prompt-tuning adapter directory ({@code adapter_config.json} and
 * {@code adapter_model.safetensors}) and reads such a directory back as an {@link
 * dev.crosspt.peft.ImportedPrompt}.
 */
package dev.crosspt.peft;
