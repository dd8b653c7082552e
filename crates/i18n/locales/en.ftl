# Regain's messages, pages and password-policy texts in English: the source every other
# language's file is checked against (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (select on them for plurals); $kind is "email" or "phone"; $name is a person's
# display name, as they wrote it.

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = If this was you, there is nothing to do.
notice-not-me =
    If this wasn't you, open this link at once: it signs out every device and lets you take the account back:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }. { $body }

## Codes

confirm-email =
    Your { -brand } confirmation code is { $code }.

    Enter it in { -brand } to confirm this email address. It is valid for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } and works once.

    If you did not add this address to a { -brand } account, ignore this message: nothing changes until the code is entered.
    .subject = Confirm your email address for { -brand }

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes).
confirm-phone-sms = { -brand }: { $code } is your code to confirm this phone number. Valid for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Never share it with anyone.

recovery-email =
    Someone, hopefully you, asked to reset the password of your { -brand } account.

    Your recovery code is { $code }. It is valid for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } and works once.

    Or open this link to continue:
    { $link }

    Never share this code: { -brand } staff will never ask for it. If you did not ask for it, ignore this message; your password stays as it is.
    .subject = Your { -brand } recovery code

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand }: { $code } is your recovery code, valid for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Never share it; we will never ask for it.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] The password of your { -brand } account was just reset using only the security questions, and every device was signed out.
       *[no] The password of your { -brand } account was just reset, and every device was signed out.
    }
    .subject = Your { -brand } password was reset

password-changed = The password of your { -brand } account was just changed from a signed-in device, and your other devices were signed out.
    .subject = Your { -brand } password was changed

security-questions-changed = The security questions of your { -brand } account were just replaced.
    .subject = Your { -brand } security questions were changed

second-factor-added = An authenticator app was just set up as the second step of signing in to your { -brand } account, with a new set of recovery codes.
    .subject = Two-step verification is on for your { -brand } account
    .if-you = If this was you, keep the recovery codes somewhere safe.

second-factor-removed = The authenticator app and the recovery codes of your { -brand } account were just removed: signing in now needs the password only.
    .subject = Two-step verification was turned off for your { -brand } account

recovery-codes-regenerated = A new set of recovery codes was just made for your { -brand } account; the old codes no longer work.
    .subject = New recovery codes for your { -brand } account
    .if-you = If this was you, keep the new codes somewhere safe.

contact-changed = { $kind ->
        [email] A new email address was just confirmed for your { -brand } account. From now on it receives the account's codes and notices.
       *[phone] A new phone number was just confirmed for your { -brand } account. From now on it receives the account's codes and notices.
    }
    .subject = { $kind ->
        [email] A new email address for your { -brand } account
       *[phone] A new phone number for your { -brand } account
    }

contact-removed = { $kind ->
        [email] The email address of your { -brand } account was just removed: it no longer receives the account's codes and notices.
       *[phone] The phone number of your { -brand } account was just removed: it no longer receives the account's codes and notices.
    }
    .subject = { $kind ->
        [email] The email address of your { -brand } account was removed
       *[phone] The phone number of your { -brand } account was removed
    }

device-marked-lost = One of the devices signed in to your { -brand } account was just marked lost. It is locked: the app on it asks for the account's password before it does anything else.
    .subject = A device of your { -brand } account was marked lost

circle-invited = You invited { $name } to be one of your recovery contacts on { -brand }. Once they accept, they can vouch for you with your other contacts.
    .subject = You invited a recovery contact

circle-rules-changed = A recovery contact was removed from your { -brand } account, or the number of contacts who must vouch for you was changed.
    .subject = Your recovery contacts were changed

vouch-declined = { $dont-know ->
        [yes] Someone asked your recovery contacts to vouch for a recovery of your { -brand } account, and { $name } said they know nothing about it. The recovery was stopped.
       *[no] Someone asked your recovery contacts to vouch for a recovery of your { -brand } account, and { $name } declined. The recovery was stopped.
    }
    .subject = A recovery of your account was stopped

## Support requests and assisted recovery

support-contact-code =
    Your code is { $code }. Enter it in { -brand } to confirm that support can reach you here. It is valid for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } and works once.

    If you did not ask { -brand }'s support for help, ignore this message.
    .subject = Confirm this address for your { -brand } support request

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand }: { $code } confirms this number for your support request. Valid for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.

support-request-received =
    We received your support request { $reference }. A member of staff will look at your proofs. You can see where it stands here:
    { $link }

    { -brand } staff never ask for a password or a code.
    .subject = { -brand } support request { $reference } received

assisted-recovery-started =
    A member of { -brand }'s staff approved a request to recover your account with proofs of ownership. In { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }, the person who asked will be able to choose a new password.

    If it was you, there is nothing to do.

    If it was not you, cancel it now:
    { $link }

    Signing in with your current password also cancels it.
    .subject = Someone asked { -brand }'s support to recover your account

assisted-recovery-pass =
    The waiting period of your support request is over. Open this link to choose a new password; it works once, for { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }:
    { $link }

    { -brand } staff never ask for a password or a code.
    .subject = Your { -brand } recovery pass

contact-claimed =
    Someone just tried to create a { -brand } account with this { $kind ->
        [email] email address
       *[phone] phone number
    }, which already belongs to your account. Nothing was changed, and the new account cannot use it.

    If this was you, sign in to your existing account instead; if you forgot its password, recover it in the { -brand } app.
    .subject = { $kind ->
        [email] Someone tried to use your email address for a new { -brand } account
       *[phone] Someone tried to use your phone number for a new { -brand } account
    }

## Recovery contacts

circle-invitation =
    { $name } would like you to be one of their recovery contacts on { -brand }: if they ever lose every way into their account, you and their other contacts can vouch for them, and no one of you can do it alone.

    Open the { -brand } app to accept or decline. If you do not know { $name }, decline.
    .subject = { $name } asks you to be a recovery contact

circle-accepted = { $name } accepted to be one of your recovery contacts on { -brand }. You can see and change your recovery contacts in the app's security centre.
    .subject = { $name } is now one of your recovery contacts

circle-stepped-down = { $name } stepped down as one of your recovery contacts on { -brand }. Check in the app's security centre that enough contacts remain to vouch for you, and invite someone else if not.
    .subject = { $name } is no longer one of your recovery contacts

vouch-requested =
    { $name } says they lost every way into their { -brand } account and asks you, one of their recovery contacts, to vouch for them.

    Before you do anything, call them or see them in person. Never vouch for a message, a chat or a call you did not expect: that is how accounts are stolen. If it is really them, they will read you a code; enter it in your { -brand } app's security centre.
    .subject = { $name } asks you to vouch for them

vouched-recovery-started =
    Enough of your recovery contacts vouched for someone recovering your { -brand } account. In { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } at most, that person will be able to choose a new password.

    If it was you, there is nothing to do.

    If it was not you, cancel it now:
    { $link }

    Signing in with your current password also cancels it.
    .subject = Your recovery contacts vouched for a recovery of your account

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = Continue your recovery
    .intro = You asked to reset your { -brand } password.
    .open-app = Open in the { -brand } app
    .continue = Continue in this browser
    .not-you = If you did not ask for this, close this page: nothing changes.
page-one-more-step = One more step
    .text = Your email is confirmed. This account needs one more proof: continue in the { -brand } app.
page-new-password = Choose a new password
    .label = New password
    .guidance = Use at least { $min } characters, or four or more random words. Avoid your name, birthday and phone number. Let a password manager create and remember it.
    .submit = Set the new password
page-password-reset = Your password is reset
    .text = Every device was signed out. Sign in with the new password.
    .advice = Keep your email and phone current, turn on two-step verification, and use a password manager.
page-not-me = This wasn't me
    .text = If someone else reset your password, sign out every device now, then recover your account in the { -brand } app.
    .button = Sign out every device
page-signed-out = Every device is signed out
    .text = Recover your account in the { -brand } app now, and choose a password you use nowhere else.
    .open-app = Open the { -brand } app
page-support-status = Support request { $reference }
    .awaiting-contact = It waits for the code we sent to the contact you gave.
    .open = It is in the queue: a member of staff will look at your proofs.
    .in-review = A member of staff is looking at your proofs now.
    .approved = It was approved: your account's contacts were told, and a recovery pass will come once the waiting period is over.
    .denied = It was not approved. You can file a new request with other proofs.
    .closed = It is closed.
    .staff-never-ask = { -brand } staff never ask for a password or a code.
page-cancel = Cancel the recovery of your account
    .text = Someone asked { -brand }'s support to recover your account. If it was not you, cancel it: nobody will be able to use it.
    .button = Cancel the recovery
page-cancelled = The recovery is cancelled
    .text = Nobody can use it. Sign in and check your account's security centre: change your password if you think someone knows it.
page-pass = Choose a new password
    .text = The waiting period is over. This pass works once.
    .button = Continue
page-error = This link cannot continue
    .code = Code: { $code }
# Why a page refused: the service groups its error codes into these (http/pages.rs,
# reason_of); any other gets the last line.
page-error-reason = { $reason ->
        [invalid_link] This link no longer works. Ask for a new code.
        [invalid_reset_token] This reset is no longer valid. Start recovery again.
        [flow_expired] This recovery has ended. Start again.
        [flow_locked] Too many wrong tries ended this recovery. Start again later, or contact support.
        [flow_state] This step is not available now. Continue in the { -brand } app.
        [rate_limited] Too many attempts. Wait a moment and try again.
        [busy] We are busy right now and nothing was changed. Try again in a moment.
        [invalid_field] This link is incomplete. Open it again from the message we sent.
       *[other] Something went wrong. Try again in a moment, or continue in the { -brand } app.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = Use at least 15 characters, or four or more random words.
password-tip-personal = Avoid your name, birthday, phone number and email.
password-tip-reuse = Never reuse a password from another account.
password-tip-manager = Let a password manager create and remember it for you.
password-tip-two_step = Turn on two-step verification as well.

password-reason-too_short = It is shorter than { $min } characters.
password-reason-too_long = It is longer than 256 characters.
password-reason-common = It is one of the most common passwords.
password-reason-breached = It has appeared in a data breach.
password-reason-personal = It contains your name, email, phone number or birthday.
password-reason-too_guessable = It would be easy to guess.
password-reason-reused = You used it recently. Choose one you haven't used before.

password-warning-straight_rows = Straight rows of keys are easy to guess.
password-warning-short_keyboard_patterns = Short keyboard patterns are easy to guess.
password-warning-repeats = Repeated characters like “aaa” are easy to guess.
password-warning-repeated_patterns = Repeats like “abcabc” are only slightly harder to guess than “abc”.
password-warning-top10 = This is one of the ten most common passwords.
password-warning-top100 = This is one of the hundred most common passwords.
password-warning-common = This is a very common password.
password-warning-similar_to_common = This is similar to a commonly used password.
password-warning-sequences = Sequences like “abc” or “6543” are easy to guess.
password-warning-recent_years = Recent years are easy to guess.
password-warning-single_word = A single word is easy to guess.
password-warning-dates = Dates are often easy to guess.
password-warning-names = Names and surnames by themselves are easy to guess.
password-warning-common_names = Common names and surnames are easy to guess.

password-suggestion-few_words = Use a few words; avoid common phrases.
password-suggestion-no_symbols_needed = No need for symbols, digits or capital letters.
password-suggestion-add_word = Add another word or two. Uncommon words are better.
password-suggestion-capitalization = Capitals don't help very much.
password-suggestion-all_uppercase = All capitals is almost as easy to guess as all lower case.
password-suggestion-reversed_words = Words spelled backwards aren't much harder to guess.
password-suggestion-substitutions = Swaps like “@” for “a” don't help very much.
password-suggestion-longer_keyboard_pattern = Use a longer keyboard pattern with more turns.
password-suggestion-avoid_repeats = Avoid repeated words and characters.
password-suggestion-avoid_sequences = Avoid sequences.
password-suggestion-avoid_recent_years = Avoid recent years.
password-suggestion-avoid_your_years = Avoid years that are associated with you.
password-suggestion-avoid_your_dates = Avoid dates and years that are associated with you.

password-breach_check-unavailable = The breach check is unavailable right now; the other checks still apply.

# The words before the reasons a new password is refused.
password-blocked = Can't use this yet:
