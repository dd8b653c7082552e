// The generated bindings' types under the names the UI uses (the `_Serialize` forms are what
// the Rust commands send).
export type {
  AccountView_Serialize as AccountView,
  AppError_Serialize as AppError,
  AppStatus_Serialize as AppStatus,
  AuthMethod,
  CaptchaProgress,
  ChallengeView_Serialize as ChallengeView,
  Code,
  DevMessage_Serialize as DevMessage,
  EventKind,
  EventOutcome,
  FlowState,
  FlowView_Serialize as FlowView,
  MethodOffer,
  PasswordReason,
  RecoveryMethod,
  SecondFactorMethod,
  SecondFactorPrompt,
  SecurityEventView_Serialize as SecurityEventView,
  SecurityOverview_Serialize as SecurityOverview,
  SessionStatus_Serialize as SessionStatus,
  Strength_Serialize as Strength,
} from "./bindings";
export type { MessageKey } from "./messages/en";
