// What each form of the security centre keeps (whether it is busy, its problems, each linked
// to its field by the error summary, and what it said last) and its one way to run a change:
// when the change needs a recent sign-in, the password is asked for and the change runs again.
import { asAppError, errorText } from "./api";
import { guarded } from "./reauth.svelte";

export type Problem = { field?: string; text: string };

export class Form {
  busy = $state(false);
  problems = $state<Problem[]>([]);
  said = $state("");

  /** Runs `action`; a failure becomes the problem of `field`, in words. */
  async attempt(field: string, action: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.problems = [];
    this.said = "";
    try {
      await guarded(action);
    } catch (thrown) {
      this.problems = [{ field, text: errorText(asAppError(thrown)) }];
    } finally {
      this.busy = false;
    }
  }

  /** A problem found before anything is sent. */
  refuse(field: string, text: string) {
    this.problems = [{ field, text }];
  }
}
