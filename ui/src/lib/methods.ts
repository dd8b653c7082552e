// The recovery methods as the choose step offers them, and what the code step asks of each.
// Exhaustive over the generated `RecoveryMethod`: a new method fails the type check until it
// has its words here.
import { isolate, t } from "./i18n.svelte";
import type { MessageKey, RecoveryMethod } from "./types";

const LABEL: Record<RecoveryMethod, (destination: string) => string> = {
  sms: (destination) => t("choose.sms", { destination: isolate(destination) }),
  email: (destination) => t("choose.email", { destination: isolate(destination) }),
  security_questions: () => t("choose.security_questions"),
  totp: () => t("choose.totp"),
  recovery_code: () => t("choose.recovery_code"),
  // "2/3": two of the three recovery contacts must vouch.
  recovery_contacts: (destination) => {
    const [needed, of] = destination.split("/").map(Number);
    return t("choose.recovery_contacts", { needed: needed ?? 0, of: of ?? 0 });
  },
};

export function methodLabel(method: RecoveryMethod, destination: string): string {
  return LABEL[method](destination);
}

/** What the code step says for a method that asks for a code: its intro, the field's label,
 * and how long a complete code is (digits after folding). */
export interface CodePrompt {
  intro: (destination: string) => string;
  label: MessageKey;
  lengths: readonly number[];
}

const SENT = { label: "code.label", lengths: [6, 10] } as const;

const PROMPT: Record<RecoveryMethod, CodePrompt | null> = {
  sms: { ...SENT, intro: (destination) => t("code.intro", { destination: isolate(destination) }) },
  email: { ...SENT, intro: (destination) => t("code.intro", { destination: isolate(destination) }) },
  security_questions: null,
  totp: { intro: () => t("factor.totp_intro"), label: "code.label", lengths: [6] },
  recovery_code: { intro: () => t("factor.recovery_intro"), label: "factor.recovery_label", lengths: [20] },
  // Contacts vouch in their own apps: the vouching step has its own screen.
  recovery_contacts: null,
};

export function codePrompt(method: RecoveryMethod): CodePrompt | null {
  return PROMPT[method];
}
