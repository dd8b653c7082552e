// "Confirm your password": a change that needs a recent sign-in (contacts, second factor) is
// answered `reauthentication_required` when the sign-in is older than ten minutes. Instead of
// a dead end, the security centre asks for the password once and then runs the change again.
import { asAppError } from "./api";

export const reauth = $state<{ retry: (() => Promise<void>) | null }>({ retry: null });

/** Runs `action`; when it needs the password confirmed first, keeps it to run again after. */
export async function guarded(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (thrown) {
    if (asAppError(thrown).code === "reauthentication_required") {
      reauth.retry = action;
      return;
    }
    throw thrown;
  }
}
