// The forgot-password journey as steps: which screen a flow state shows, its number and the
// window title. Pure, so the rules are unit-tested without a window.
import type { FlowState, MessageKey, RecoveryMethod } from "./types";

export type Step = "identify" | "choose" | "code" | "questions" | "vouch" | "waiting" | "password" | "done";

/** Code and questions are both the third step: the proof. */
const NUMBER: Record<Step, number> = {
  identify: 1,
  choose: 2,
  code: 3,
  questions: 3,
  vouch: 3,
  waiting: 3,
  password: 4,
  done: 5,
};

export const TOTAL_STEPS = 5;

export const HEADING: Record<Step, MessageKey> = {
  identify: "step.identify",
  choose: "step.choose",
  code: "step.code",
  questions: "step.questions",
  vouch: "step.vouch",
  waiting: "step.waiting",
  password: "step.password",
  done: "step.done",
};

export function stepNumber(step: Step): number {
  return NUMBER[step];
}

/**
 * The screen for a flow state (and, asking for a code, the method that asks: recovery contacts
 * vouch on a screen of their own). Locked and expired flows go back to the start, where the
 * error says why.
 */
export function stepFor(state: FlowState, method?: RecoveryMethod): Step {
  switch (state) {
    case "choose_method":
      return "choose";
    case "enter_code":
      return method === "recovery_contacts" ? "vouch" : "code";
    case "waiting":
      return "waiting";
    case "answer_questions":
      return "questions";
    case "choose_password":
      return "password";
    case "complete":
      return "done";
    case "locked":
    case "expired":
      return "identify";
  }
}

/** The step "Back" leads to; going back keeps what was typed. */
export function previous(step: Step): Step | null {
  switch (step) {
    case "identify":
    case "done":
    case "password":
    case "waiting":
      return null;
    case "choose":
      return "identify";
    case "code":
    case "questions":
    case "vouch":
      return "choose";
  }
}

/** Seconds until a new code may be asked for (`resend_at` is Unix seconds). */
export function secondsUntil(at: number | null | undefined, nowMs: number): number {
  if (at == null) return 0;
  return Math.max(0, Math.ceil(at - nowMs / 1000));
}

/** Milestones of the resend countdown worth announcing to a screen reader. */
export function isMilestone(secondsLeft: number): boolean {
  return secondsLeft === 30 || secondsLeft === 10 || secondsLeft === 0;
}
