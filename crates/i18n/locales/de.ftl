# Regain's messages, pages and password-policy texts in German, checked against en.ftl
# (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (select on them for plurals); $kind is "email" or "phone"; $name is a person's
# display name, as they wrote it.
#
# German notes: the reader is addressed with formal "Sie". Terms match ui/src/lib/messages/de.ts:
# recovery contact = Vertrauensperson, vouch = bürgen, recovery pass = Wiederherstellungspass,
# two-step verification = Zwei-Schritt-Verifizierung, reference = Vorgangsnummer, staff =
# Mitarbeitende / Support-Team (gender-neutral). $name may be anyone, so sentences avoid
# gendered pronouns for it (repeat the name or say "diese Person").

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = Wenn Sie das waren, müssen Sie nichts tun.
notice-not-me =
    Wenn Sie das nicht waren, öffnen Sie sofort diesen Link: Damit werden alle Geräte abgemeldet, und Sie können Ihr Konto zurückholen:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }. { $body }

## Codes

confirm-email =
    Ihr { -brand }-Bestätigungscode lautet { $code }.

    Geben Sie ihn in { -brand } ein, um diese E-Mail-Adresse zu bestätigen. Der Code ist { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } gültig und funktioniert nur einmal.

    Wenn Sie diese Adresse nicht zu einem { -brand }-Konto hinzugefügt haben, ignorieren Sie diese Nachricht: Solange der Code nicht eingegeben wird, ändert sich nichts.
    .subject = Bestätigen Sie Ihre E-Mail-Adresse für { -brand }

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes). German fits GSM-7 (ä, ö, ü, ß included); avoid „“ and – here.
confirm-phone-sms = { -brand }: { $code } ist Ihr Code zur Bestätigung dieser Telefonnummer. Gültig für { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    }. Geben Sie ihn niemals weiter.

recovery-email =
    Jemand, hoffentlich Sie, möchte das Passwort Ihres { -brand }-Kontos zurücksetzen.

    Ihr Wiederherstellungscode lautet { $code }. Er ist { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } gültig und funktioniert nur einmal.

    Oder öffnen Sie diesen Link, um fortzufahren:
    { $link }

    Geben Sie diesen Code niemals weiter: Mitarbeitende von { -brand } werden Sie nie danach fragen. Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.
    .subject = Ihr { -brand }-Wiederherstellungscode

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand }: { $code } ist Ihr Wiederherstellungscode, gültig für { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    }. Geben Sie ihn niemals weiter; wir fragen nie danach.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] Das Passwort Ihres { -brand }-Kontos wurde soeben allein mit den Sicherheitsfragen zurückgesetzt, und alle Geräte wurden abgemeldet.
       *[no] Das Passwort Ihres { -brand }-Kontos wurde soeben zurückgesetzt, und alle Geräte wurden abgemeldet.
    }
    .subject = Ihr { -brand }-Passwort wurde zurückgesetzt

password-changed = Das Passwort Ihres { -brand }-Kontos wurde soeben auf einem angemeldeten Gerät geändert, und Ihre anderen Geräte wurden abgemeldet.
    .subject = Ihr { -brand }-Passwort wurde geändert

security-questions-changed = Die Sicherheitsfragen Ihres { -brand }-Kontos wurden soeben ersetzt.
    .subject = Ihre { -brand }-Sicherheitsfragen wurden geändert

second-factor-added = Für Ihr { -brand }-Konto wurde soeben eine Authenticator-App als zweiter Schritt der Anmeldung eingerichtet, zusammen mit neuen Wiederherstellungscodes.
    .subject = Zwei-Schritt-Verifizierung für Ihr { -brand }-Konto aktiviert
    .if-you = Wenn Sie das waren, bewahren Sie die Wiederherstellungscodes sicher auf.

second-factor-removed = Die Authenticator-App und die Wiederherstellungscodes Ihres { -brand }-Kontos wurden soeben entfernt: Für die Anmeldung genügt jetzt das Passwort.
    .subject = Zwei-Schritt-Verifizierung für Ihr { -brand }-Konto deaktiviert

recovery-codes-regenerated = Für Ihr { -brand }-Konto wurden soeben neue Wiederherstellungscodes erstellt; die alten Codes funktionieren nicht mehr.
    .subject = Neue Wiederherstellungscodes für Ihr { -brand }-Konto
    .if-you = Wenn Sie das waren, bewahren Sie die neuen Codes sicher auf.

contact-changed = { $kind ->
        [email] Für Ihr { -brand }-Konto wurde soeben eine neue E-Mail-Adresse bestätigt. Ab jetzt erhält sie die Codes und Benachrichtigungen des Kontos.
       *[phone] Für Ihr { -brand }-Konto wurde soeben eine neue Telefonnummer bestätigt. Ab jetzt erhält sie die Codes und Benachrichtigungen des Kontos.
    }
    .subject = { $kind ->
        [email] Neue E-Mail-Adresse für Ihr { -brand }-Konto
       *[phone] Neue Telefonnummer für Ihr { -brand }-Konto
    }

contact-removed = { $kind ->
        [email] Die E-Mail-Adresse Ihres { -brand }-Kontos wurde soeben entfernt: Sie erhält keine Codes und Benachrichtigungen des Kontos mehr.
       *[phone] Die Telefonnummer Ihres { -brand }-Kontos wurde soeben entfernt: Sie erhält keine Codes und Benachrichtigungen des Kontos mehr.
    }
    .subject = { $kind ->
        [email] Die E-Mail-Adresse Ihres { -brand }-Kontos wurde entfernt
       *[phone] Die Telefonnummer Ihres { -brand }-Kontos wurde entfernt
    }

device-marked-lost = Eines der Geräte, die bei Ihrem { -brand }-Konto angemeldet sind, wurde soeben als verloren markiert. Es ist gesperrt: Die App darauf fragt nach dem Passwort des Kontos, bevor sie irgendetwas anderes tut.
    .subject = Ein Gerät Ihres { -brand }-Kontos wurde als verloren markiert

circle-invited = Sie haben { $name } eingeladen, bei { -brand } eine Ihrer Vertrauenspersonen zu werden. Sobald die Einladung angenommen ist, kann { $name } zusammen mit Ihren anderen Vertrauenspersonen für Sie bürgen.
    .subject = Sie haben eine Vertrauensperson eingeladen

circle-rules-changed = Bei Ihrem { -brand }-Konto wurde eine Vertrauensperson entfernt, oder die Anzahl der Vertrauenspersonen, die für Sie bürgen müssen, wurde geändert.
    .subject = Ihre Vertrauenspersonen wurden geändert

vouch-declined = { $dont-know ->
        [yes] Jemand hat Ihre Vertrauenspersonen gebeten, für eine Wiederherstellung Ihres { -brand }-Kontos zu bürgen, und { $name } hat angegeben, nichts davon zu wissen. Die Wiederherstellung wurde gestoppt.
       *[no] Jemand hat Ihre Vertrauenspersonen gebeten, für eine Wiederherstellung Ihres { -brand }-Kontos zu bürgen, und { $name } hat abgelehnt. Die Wiederherstellung wurde gestoppt.
    }
    .subject = Eine Wiederherstellung Ihres Kontos wurde gestoppt

## Support requests and assisted recovery

support-contact-code =
    Ihr Code lautet { $code }. Geben Sie ihn in { -brand } ein, um zu bestätigen, dass der Support Sie hier erreichen kann. Er ist { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    } gültig und funktioniert nur einmal.

    Wenn Sie den { -brand }-Support nicht um Hilfe gebeten haben, ignorieren Sie diese Nachricht.
    .subject = Bestätigen Sie diese Adresse für Ihre { -brand }-Support-Anfrage

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand }: Mit { $code } bestätigen Sie diese Nummer für Ihre Support-Anfrage. Gültig für { $minutes ->
        [one] { $minutes } Minute
       *[other] { $minutes } Minuten
    }. Geben Sie den Code niemals weiter.

support-request-received =
    Wir haben Ihre Support-Anfrage { $reference } erhalten. Unser Support-Team wird Ihre Nachweise prüfen. Den aktuellen Stand sehen Sie hier:
    { $link }

    Mitarbeitende von { -brand } fragen nie nach einem Passwort oder Code.
    .subject = { -brand }-Support-Anfrage { $reference } erhalten

assisted-recovery-started =
    Das { -brand }-Support-Team hat eine Anfrage genehmigt, Ihr Konto anhand von Eigentumsnachweisen wiederherzustellen. In { $hours ->
        [one] { $hours } Stunde
       *[other] { $hours } Stunden
    } kann die Person, die die Anfrage gestellt hat, ein neues Passwort wählen.

    Wenn Sie das waren, müssen Sie nichts tun.

    Wenn Sie das nicht waren, brechen Sie die Wiederherstellung jetzt ab:
    { $link }

    Auch eine Anmeldung mit Ihrem aktuellen Passwort bricht sie ab.
    .subject = Jemand hat den { -brand }-Support gebeten, Ihr Konto wiederherzustellen

assisted-recovery-pass =
    Die Wartezeit Ihrer Support-Anfrage ist abgelaufen. Öffnen Sie diesen Link, um ein neues Passwort zu wählen. Er funktioniert nur einmal und ist { $hours ->
        [one] { $hours } Stunde
       *[other] { $hours } Stunden
    } gültig:
    { $link }

    Mitarbeitende von { -brand } fragen nie nach einem Passwort oder Code.
    .subject = Ihr { -brand }-Wiederherstellungspass

contact-claimed =
    Jemand hat soeben versucht, mit dieser { $kind ->
        [email] E-Mail-Adresse
       *[phone] Telefonnummer
    } ein neues { -brand }-Konto zu erstellen. Sie gehört bereits zu Ihrem Konto. Es wurde nichts geändert, und das neue Konto kann sie nicht verwenden.

    Wenn Sie das waren, melden Sie sich stattdessen bei Ihrem bestehenden Konto an. Falls Sie das Passwort vergessen haben, stellen Sie das Konto in der { -brand }-App wieder her.
    .subject = { $kind ->
        [email] Jemand wollte Ihre E-Mail-Adresse für ein neues { -brand }-Konto verwenden
       *[phone] Jemand wollte Ihre Telefonnummer für ein neues { -brand }-Konto verwenden
    }

## Recovery contacts

circle-invitation =
    { $name } möchte Sie bei { -brand } als Vertrauensperson hinzufügen. Sollte { $name } einmal alle Zugänge zum eigenen Konto verlieren, können Sie gemeinsam mit den anderen Vertrauenspersonen für { $name } bürgen; allein kann das niemand von Ihnen.

    Öffnen Sie die { -brand }-App, um anzunehmen oder abzulehnen. Wenn Sie { $name } nicht kennen, lehnen Sie ab.
    .subject = { $name } bittet Sie, Vertrauensperson zu werden

circle-accepted = { $name } hat angenommen und ist jetzt eine Ihrer Vertrauenspersonen bei { -brand }. Im Sicherheitsbereich der App können Sie Ihre Vertrauenspersonen sehen und ändern.
    .subject = { $name } ist jetzt eine Ihrer Vertrauenspersonen

circle-stepped-down = { $name } ist als Vertrauensperson bei { -brand } zurückgetreten. Prüfen Sie im Sicherheitsbereich der App, ob noch genug Vertrauenspersonen für Sie bürgen können, und laden Sie andernfalls jemand Neues ein.
    .subject = { $name } gehört nicht mehr zu Ihren Vertrauenspersonen

vouch-requested =
    { $name } gibt an, alle Zugänge zum eigenen { -brand }-Konto verloren zu haben, und bittet Sie als Vertrauensperson um Ihre Bürgschaft.

    Bevor Sie etwas unternehmen: Rufen Sie { $name } an oder treffen Sie sich persönlich. Bürgen Sie nie wegen einer Nachricht, eines Chats oder eines Anrufs, mit dem Sie nicht gerechnet haben: Genau so werden Konten gestohlen. Wenn es wirklich diese Person ist, liest sie Ihnen einen Code vor; geben Sie ihn im Sicherheitsbereich Ihrer { -brand }-App ein.
    .subject = { $name } bittet Sie um Ihre Bürgschaft

vouched-recovery-started =
    Ausreichend viele Ihrer Vertrauenspersonen haben für eine Person gebürgt, die Ihr { -brand }-Konto wiederherstellen möchte. Spätestens in { $hours ->
        [one] { $hours } Stunde
       *[other] { $hours } Stunden
    } kann diese Person ein neues Passwort wählen.

    Wenn Sie das waren, müssen Sie nichts tun.

    Wenn Sie das nicht waren, brechen Sie die Wiederherstellung jetzt ab:
    { $link }

    Auch eine Anmeldung mit Ihrem aktuellen Passwort bricht sie ab.
    .subject = Ihre Vertrauenspersonen haben für eine Wiederherstellung Ihres Kontos gebürgt

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = Wiederherstellung fortsetzen
    .intro = Sie haben angefordert, Ihr { -brand }-Passwort zurückzusetzen.
    .open-app = In der { -brand }-App öffnen
    .continue = In diesem Browser fortfahren
    .not-you = Wenn Sie das nicht angefordert haben, schließen Sie diese Seite: Es ändert sich nichts.
page-one-more-step = Noch ein Schritt
    .text = Ihre E-Mail-Adresse ist bestätigt. Für dieses Konto ist ein weiterer Nachweis nötig: Fahren Sie in der { -brand }-App fort.
page-new-password = Neues Passwort wählen
    .label = Neues Passwort
    .guidance = Verwenden Sie mindestens { $min } Zeichen oder vier oder mehr zufällige Wörter. Vermeiden Sie Ihren Namen, Ihr Geburtsdatum und Ihre Telefonnummer. Lassen Sie das Passwort von einem Passwort-Manager erstellen und speichern.
    .submit = Neues Passwort festlegen
page-password-reset = Ihr Passwort wurde zurückgesetzt
    .text = Alle Geräte wurden abgemeldet. Melden Sie sich mit dem neuen Passwort an.
    .advice = Halten Sie Ihre E-Mail-Adresse und Telefonnummer aktuell, aktivieren Sie die Zwei-Schritt-Verifizierung, und nutzen Sie einen Passwort-Manager.
page-not-me = Das war ich nicht
    .text = Wenn jemand anderes Ihr Passwort zurückgesetzt hat, melden Sie jetzt alle Geräte ab, und stellen Sie Ihr Konto dann in der { -brand }-App wieder her.
    .button = Alle Geräte abmelden
page-signed-out = Alle Geräte sind abgemeldet
    .text = Stellen Sie Ihr Konto jetzt in der { -brand }-App wieder her, und wählen Sie ein Passwort, das Sie nirgendwo sonst verwenden.
    .open-app = { -brand }-App öffnen
page-support-status = Support-Anfrage { $reference }
    .awaiting-contact = Sie wartet auf den Code, den wir an die angegebene Adresse oder Nummer gesendet haben.
    .open = Sie ist in der Warteschlange: Das Support-Team wird Ihre Nachweise prüfen.
    .in-review = Das Support-Team prüft gerade Ihre Nachweise.
    .approved = Sie wurde genehmigt: Die Kontaktdaten Ihres Kontos wurden benachrichtigt, und nach Ablauf der Wartezeit erhalten Sie einen Wiederherstellungspass.
    .denied = Sie wurde nicht genehmigt. Sie können mit anderen Nachweisen eine neue Anfrage stellen.
    .closed = Sie ist geschlossen.
    .staff-never-ask = Mitarbeitende von { -brand } fragen nie nach einem Passwort oder Code.
page-cancel = Wiederherstellung Ihres Kontos abbrechen
    .text = Jemand hat den { -brand }-Support gebeten, Ihr Konto wiederherzustellen. Wenn Sie das nicht waren, brechen Sie die Wiederherstellung ab: Dann kann niemand sie nutzen.
    .button = Wiederherstellung abbrechen
page-cancelled = Die Wiederherstellung ist abgebrochen
    .text = Niemand kann sie mehr nutzen. Melden Sie sich an, und prüfen Sie den Sicherheitsbereich Ihres Kontos. Ändern Sie Ihr Passwort, wenn Sie glauben, dass jemand es kennt.
page-pass = Neues Passwort wählen
    .text = Die Wartezeit ist abgelaufen. Dieser Pass funktioniert nur einmal.
    .button = Weiter
page-error = Mit diesem Link geht es nicht weiter
    .code = Fehlercode: { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] Dieser Link funktioniert nicht mehr. Fordern Sie einen neuen Code an.
        [invalid_reset_token] Diese Zurücksetzung ist nicht mehr gültig. Starten Sie die Wiederherstellung erneut.
        [flow_expired] Diese Wiederherstellung ist beendet. Beginnen Sie von vorn.
        [flow_locked] Nach zu vielen Fehlversuchen wurde diese Wiederherstellung beendet. Versuchen Sie es später erneut, oder wenden Sie sich an den Support.
        [flow_state] Dieser Schritt ist gerade nicht verfügbar. Fahren Sie in der { -brand }-App fort.
        [rate_limited] Zu viele Versuche. Warten Sie einen Moment, und versuchen Sie es dann erneut.
        [busy] Wir sind gerade stark ausgelastet, und es wurde nichts geändert. Versuchen Sie es gleich noch einmal.
        [invalid_field] Dieser Link ist unvollständig. Öffnen Sie ihn erneut aus der Nachricht, die wir Ihnen gesendet haben.
       *[other] Etwas ist schiefgelaufen. Versuchen Sie es gleich noch einmal, oder fahren Sie in der { -brand }-App fort.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = Verwenden Sie mindestens 15 Zeichen oder vier oder mehr zufällige Wörter.
password-tip-personal = Vermeiden Sie Ihren Namen, Ihr Geburtsdatum, Ihre Telefonnummer und Ihre E-Mail-Adresse.
password-tip-reuse = Verwenden Sie nie ein Passwort, das Sie schon für ein anderes Konto nutzen.
password-tip-manager = Lassen Sie es von einem Passwort-Manager erstellen und speichern.
password-tip-two_step = Aktivieren Sie zusätzlich die Zwei-Schritt-Verifizierung.

password-reason-too_short = Es ist kürzer als { $min } Zeichen.
password-reason-too_long = Es ist länger als 256 Zeichen.
password-reason-common = Es gehört zu den häufigsten Passwörtern.
password-reason-breached = Es ist in einem Datenleck aufgetaucht.
password-reason-personal = Es enthält Ihren Namen, Ihre E-Mail-Adresse, Telefonnummer oder Ihr Geburtsdatum.
password-reason-too_guessable = Es wäre leicht zu erraten.
password-reason-reused = Sie haben es vor Kurzem verwendet. Wählen Sie eines, das Sie noch nie verwendet haben.

password-warning-straight_rows = Gerade Tastenreihen sind leicht zu erraten.
password-warning-short_keyboard_patterns = Kurze Tastaturmuster sind leicht zu erraten.
password-warning-repeats = Wiederholte Zeichen wie „aaa“ sind leicht zu erraten.
password-warning-repeated_patterns = Wiederholungen wie „abcabc“ sind kaum schwerer zu erraten als „abc“.
password-warning-top10 = Dies ist eines der zehn häufigsten Passwörter.
password-warning-top100 = Dies ist eines der hundert häufigsten Passwörter.
password-warning-common = Dies ist ein sehr häufiges Passwort.
password-warning-similar_to_common = Dies ähnelt einem häufig verwendeten Passwort.
password-warning-sequences = Folgen wie „abc“ oder „6543“ sind leicht zu erraten.
password-warning-recent_years = Jahreszahlen der letzten Jahre sind leicht zu erraten.
password-warning-single_word = Ein einzelnes Wort ist leicht zu erraten.
password-warning-dates = Datumsangaben sind oft leicht zu erraten.
password-warning-names = Vor- und Nachnamen allein sind leicht zu erraten.
password-warning-common_names = Häufige Vor- und Nachnamen sind leicht zu erraten.

password-suggestion-few_words = Verwenden Sie mehrere Wörter, aber keine gängigen Redewendungen.
password-suggestion-no_symbols_needed = Sonderzeichen, Ziffern oder Großbuchstaben sind nicht nötig.
password-suggestion-add_word = Fügen Sie ein oder zwei weitere Wörter hinzu. Ungewöhnliche Wörter sind besser.
password-suggestion-capitalization = Großbuchstaben helfen kaum.
password-suggestion-all_uppercase = Nur Großbuchstaben sind fast so leicht zu erraten wie nur Kleinbuchstaben.
password-suggestion-reversed_words = Rückwärts geschriebene Wörter sind kaum schwerer zu erraten.
password-suggestion-substitutions = Ersetzungen wie „@“ statt „a“ helfen kaum.
password-suggestion-longer_keyboard_pattern = Verwenden Sie ein längeres Tastaturmuster mit mehr Richtungswechseln.
password-suggestion-avoid_repeats = Vermeiden Sie wiederholte Wörter und Zeichen.
password-suggestion-avoid_sequences = Vermeiden Sie Zeichenfolgen wie „abc“ oder „123“.
password-suggestion-avoid_recent_years = Vermeiden Sie Jahreszahlen der letzten Jahre.
password-suggestion-avoid_your_years = Vermeiden Sie Jahreszahlen, die mit Ihnen zu tun haben.
password-suggestion-avoid_your_dates = Vermeiden Sie Daten und Jahreszahlen, die mit Ihnen zu tun haben.

password-breach_check-unavailable = Die Prüfung auf Datenlecks ist gerade nicht verfügbar; die übrigen Prüfungen gelten weiterhin.

# The words before the reasons a new password is refused.
password-blocked = Dieses Passwort geht noch nicht:
