# Regain's messages, pages and password-policy texts in Latin American Spanish (es-419),
# translated from en.ftl (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (select on them for plurals); $kind is "email" or "phone"; $name is a person's
# display name, as they wrote it.
#
# Translation notes: neutral Latin American Spanish, addressing the person as "tú". Sentences
# about $name avoid gendered pronouns ("formar parte de", "avalar su identidad", "le des tu aval").
# The three code SMS avoid á, í, ó and ú (not in GSM-7) so they stay in one 160-character segment.

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = Si fuiste tú, no tienes que hacer nada.
notice-not-me =
    Si no fuiste tú, abre este enlace de inmediato. Cierra la sesión en todos los dispositivos y te permite recuperar el control de tu cuenta:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }. { $body }

## Codes

confirm-email =
    Tu código de confirmación de { -brand } es { $code }.

    Ingrésalo en { -brand } para confirmar este correo electrónico. Es válido por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } y solo sirve una vez.

    Si no agregaste este correo a una cuenta de { -brand }, ignora este mensaje: no cambiará nada mientras nadie ingrese el código.
    .subject = Confirma tu correo electrónico en { -brand }

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes).
confirm-phone-sms = { -brand }: ingresa { $code } para confirmar este teléfono. Vence en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }. Nunca lo compartas con nadie.

recovery-email =
    Alguien (esperamos que tú) pidió restablecer la contraseña de tu cuenta de { -brand }.

    Tu código de recuperación es { $code }. Es válido por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } y solo sirve una vez.

    También puedes abrir este enlace para continuar:
    { $link }

    Nunca compartas este código: el personal de { -brand } nunca te lo pedirá. Si no lo pediste, ignora este mensaje; tu contraseña seguirá igual.
    .subject = Tu código de recuperación de { -brand }

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand }: ingresa { $code } para recuperar tu cuenta. Vence en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }. No lo compartas con nadie: nunca te lo pediremos.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] Se acaba de restablecer la contraseña de tu cuenta de { -brand } usando solo las preguntas de seguridad, y se cerró la sesión en todos los dispositivos.
       *[no] Se acaba de restablecer la contraseña de tu cuenta de { -brand }, y se cerró la sesión en todos los dispositivos.
    }
    .subject = Se restableció tu contraseña de { -brand }

password-changed = Se acaba de cambiar la contraseña de tu cuenta de { -brand } desde un dispositivo con sesión iniciada, y se cerró la sesión en tus otros dispositivos.
    .subject = Se cambió tu contraseña de { -brand }

security-questions-changed = Se acaban de reemplazar las preguntas de seguridad de tu cuenta de { -brand }.
    .subject = Se cambiaron tus preguntas de seguridad de { -brand }

second-factor-added = Se acaba de configurar una app de autenticación como segundo paso para iniciar sesión en tu cuenta de { -brand }, junto con nuevos códigos de recuperación.
    .subject = Se activó la verificación en dos pasos en tu cuenta de { -brand }
    .if-you = Si fuiste tú, guarda los códigos de recuperación en un lugar seguro.

second-factor-removed = Se acaban de eliminar la app de autenticación y los códigos de recuperación de tu cuenta de { -brand }: ahora, para iniciar sesión, solo se necesita la contraseña.
    .subject = Se desactivó la verificación en dos pasos en tu cuenta de { -brand }

recovery-codes-regenerated = Se acaban de crear nuevos códigos de recuperación para tu cuenta de { -brand }; los anteriores ya no sirven.
    .subject = Nuevos códigos de recuperación para tu cuenta de { -brand }
    .if-you = Si fuiste tú, guarda los nuevos códigos en un lugar seguro.

contact-changed = { $kind ->
        [email] Se acaba de confirmar un nuevo correo electrónico para tu cuenta de { -brand }. A partir de ahora, ahí recibirás los códigos y avisos de la cuenta.
       *[phone] Se acaba de confirmar un nuevo número de teléfono para tu cuenta de { -brand }. A partir de ahora, ahí recibirás los códigos y avisos de la cuenta.
    }
    .subject = { $kind ->
        [email] Nuevo correo electrónico en tu cuenta de { -brand }
       *[phone] Nuevo número de teléfono en tu cuenta de { -brand }
    }

contact-removed = { $kind ->
        [email] Se acaba de eliminar el correo electrónico de tu cuenta de { -brand }: ya no recibirá los códigos ni los avisos de la cuenta.
       *[phone] Se acaba de eliminar el número de teléfono de tu cuenta de { -brand }: ya no recibirá los códigos ni los avisos de la cuenta.
    }
    .subject = { $kind ->
        [email] Se eliminó el correo electrónico de tu cuenta de { -brand }
       *[phone] Se eliminó el número de teléfono de tu cuenta de { -brand }
    }

device-marked-lost = Uno de los dispositivos con sesión iniciada en tu cuenta de { -brand } se acaba de marcar como perdido. Quedó bloqueado: la app de ese dispositivo pedirá la contraseña de la cuenta antes de hacer cualquier otra cosa.
    .subject = Se marcó como perdido un dispositivo de tu cuenta de { -brand }

circle-invited = Invitaste a { $name } a formar parte de tus contactos de recuperación en { -brand }. Cuando acepte, podrá avalarte junto con tus demás contactos.
    .subject = Invitaste a alguien como contacto de recuperación

circle-rules-changed = Se quitó un contacto de recuperación de tu cuenta de { -brand }, o se cambió cuántos contactos deben avalarte.
    .subject = Hubo cambios en tus contactos de recuperación

vouch-declined = { $dont-know ->
        [yes] Alguien pidió a tus contactos de recuperación que avalaran una recuperación de tu cuenta de { -brand }, y { $name } dijo que no sabe nada al respecto. Se detuvo la recuperación.
       *[no] Alguien pidió a tus contactos de recuperación que avalaran una recuperación de tu cuenta de { -brand }, y { $name } se negó. Se detuvo la recuperación.
    }
    .subject = Se detuvo una recuperación de tu cuenta

## Support requests and assisted recovery

support-contact-code =
    Tu código es { $code }. Ingrésalo en { -brand } para confirmar que el equipo de soporte puede contactarte aquí. Es válido por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } y solo sirve una vez.

    Si no le pediste ayuda al equipo de soporte de { -brand }, ignora este mensaje.
    .subject = Confirma este correo para tu solicitud de soporte de { -brand }

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand }: ingresa { $code } para confirmar este teléfono en tu solicitud de soporte. Vence en { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.

support-request-received =
    Recibimos tu solicitud de soporte { $reference }. Un miembro del personal revisará tus pruebas. Aquí puedes ver el estado de tu solicitud:
    { $link }

    El personal de { -brand } nunca te pedirá una contraseña ni un código.
    .subject = { -brand }: recibimos tu solicitud de soporte { $reference }

assisted-recovery-started =
    Un miembro del personal de { -brand } aprobó una solicitud para recuperar tu cuenta con pruebas de titularidad. En { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }, la persona que la pidió podrá elegir una nueva contraseña.

    Si fuiste tú, no tienes que hacer nada.

    Si no fuiste tú, cancela la recuperación ahora:
    { $link }

    Iniciar sesión con tu contraseña actual también la cancela.
    .subject = Alguien le pidió al soporte de { -brand } recuperar tu cuenta

assisted-recovery-pass =
    Terminó el periodo de espera de tu solicitud de soporte. Abre este enlace para elegir una nueva contraseña. Solo sirve una vez y vence en { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }:
    { $link }

    El personal de { -brand } nunca te pedirá una contraseña ni un código.
    .subject = Tu pase de recuperación de { -brand }

contact-claimed =
    Alguien acaba de intentar crear una cuenta de { -brand } con este { $kind ->
        [email] correo electrónico
       *[phone] número de teléfono
    }, que ya pertenece a tu cuenta. No se cambió nada, y la cuenta nueva no puede usarlo.

    Si fuiste tú, inicia sesión en la cuenta que ya tienes; si olvidaste su contraseña, recupera tu cuenta en la app de { -brand }.
    .subject = { $kind ->
        [email] Alguien intentó usar tu correo electrónico para una nueva cuenta de { -brand }
       *[phone] Alguien intentó usar tu número de teléfono para una nueva cuenta de { -brand }
    }

## Recovery contacts

circle-invitation =
    { $name } quiere que formes parte de sus contactos de recuperación en { -brand }. Si alguna vez pierde todas las formas de entrar a su cuenta, tú y sus demás contactos podrán avalar su identidad, y ninguno de ustedes podrá hacerlo sin los demás.

    Abre la app de { -brand } para aceptar o rechazar. Si no conoces a { $name }, rechaza la invitación.
    .subject = { $name } te pide que seas su contacto de recuperación

circle-accepted = { $name } aceptó formar parte de tus contactos de recuperación en { -brand }. Puedes ver y cambiar tus contactos de recuperación en el centro de seguridad de la app.
    .subject = { $name } ya forma parte de tus contactos de recuperación

circle-stepped-down = { $name } dejó de ser tu contacto de recuperación en { -brand }. Revisa en el centro de seguridad de la app que te queden suficientes contactos para avalarte y, si no, invita a alguien más.
    .subject = { $name } ya no forma parte de tus contactos de recuperación

vouch-requested =
    { $name } dice que perdió todas las formas de entrar a su cuenta de { -brand } y te pide, como contacto de recuperación, que le des tu aval.

    Antes de hacer nada, habla con { $name } por teléfono o en persona. Nunca avales por un mensaje, un chat o una llamada que no esperabas: así se roban cuentas. Si de verdad es { $name }, te leerá un código; ingrésalo en el centro de seguridad de tu app de { -brand }.
    .subject = { $name } te pide tu aval

vouched-recovery-started =
    Suficientes contactos de recuperación de tu cuenta de { -brand } avalaron a alguien que intenta recuperarla. En un máximo de { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }, esa persona podrá elegir una nueva contraseña.

    Si fuiste tú, no tienes que hacer nada.

    Si no fuiste tú, cancela la recuperación ahora:
    { $link }

    Iniciar sesión con tu contraseña actual también la cancela.
    .subject = Tus contactos de recuperación avalaron una recuperación de tu cuenta

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = Continúa con la recuperación
    .intro = Pediste restablecer tu contraseña de { -brand }.
    .open-app = Abrir en la app de { -brand }
    .continue = Continuar en este navegador
    .not-you = Si no lo pediste, cierra esta página: no cambiará nada.
page-one-more-step = Un paso más
    .text = Tu correo electrónico está confirmado. Esta cuenta necesita una prueba más: continúa en la app de { -brand }.
page-new-password = Elige una contraseña nueva
    .label = Contraseña nueva
    .guidance = Usa al menos { $min } caracteres, o cuatro o más palabras al azar. Evita tu nombre, tu fecha de nacimiento y tu número de teléfono. Deja que un administrador de contraseñas la cree y la recuerde.
    .submit = Guardar la contraseña nueva
page-password-reset = Se restableció tu contraseña
    .text = Se cerró la sesión en todos los dispositivos. Inicia sesión con la contraseña nueva.
    .advice = Mantén al día tu correo y tu teléfono, activa la verificación en dos pasos y usa un administrador de contraseñas.
page-not-me = No fui yo
    .text = Si otra persona restableció tu contraseña, cierra ahora la sesión en todos los dispositivos y luego recupera tu cuenta en la app de { -brand }.
    .button = Cerrar sesión en todos los dispositivos
page-signed-out = Se cerró la sesión en todos los dispositivos
    .text = Recupera ahora tu cuenta en la app de { -brand } y elige una contraseña que no uses en ningún otro lugar.
    .open-app = Abrir la app de { -brand }
page-support-status = Solicitud de soporte { $reference }
    .awaiting-contact = Está esperando el código que enviamos al contacto que nos diste.
    .open = Está en la cola: un miembro del personal revisará tus pruebas.
    .in-review = Un miembro del personal está revisando tus pruebas ahora.
    .approved = Se aprobó: avisamos a los contactos de tu cuenta, y recibirás un pase de recuperación cuando termine el periodo de espera.
    .denied = No se aprobó. Puedes enviar una nueva solicitud con otras pruebas.
    .closed = Está cerrada.
    .staff-never-ask = El personal de { -brand } nunca te pedirá una contraseña ni un código.
page-cancel = Cancela la recuperación de tu cuenta
    .text = Alguien le pidió al soporte de { -brand } recuperar tu cuenta. Si no fuiste tú, cancela la recuperación: así nadie podrá usarla.
    .button = Cancelar la recuperación
page-cancelled = Se canceló la recuperación
    .text = Nadie puede usarla. Inicia sesión y revisa el centro de seguridad de tu cuenta: cambia tu contraseña si crees que alguien la conoce.
page-pass = Elige una contraseña nueva
    .text = Terminó el periodo de espera. Este pase solo sirve una vez.
    .button = Continuar
page-error = No se puede continuar con este enlace
    .code = Código: { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] Este enlace ya no funciona. Pide un código nuevo.
        [invalid_reset_token] Este restablecimiento ya no es válido. Vuelve a iniciar la recuperación.
        [flow_expired] Esta recuperación terminó. Empieza de nuevo.
        [flow_locked] Esta recuperación terminó por demasiados intentos incorrectos. Vuelve a empezar más tarde o comunícate con soporte.
        [flow_state] Este paso no está disponible ahora. Continúa en la app de { -brand }.
        [rate_limited] Demasiados intentos. Espera un momento y vuelve a intentarlo.
        [busy] Estamos muy ocupados en este momento y no se cambió nada. Vuelve a intentarlo en unos instantes.
        [invalid_field] Este enlace está incompleto. Vuelve a abrirlo desde el mensaje que te enviamos.
       *[other] Algo salió mal. Vuelve a intentarlo en un momento o continúa en la app de { -brand }.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = Usa al menos 15 caracteres, o cuatro o más palabras al azar.
password-tip-personal = Evita tu nombre, fecha de nacimiento, teléfono y correo.
password-tip-reuse = Nunca reutilices la contraseña de otra cuenta.
password-tip-manager = Deja que un administrador de contraseñas la cree y la recuerde por ti.
password-tip-two_step = Activa también la verificación en dos pasos.

password-reason-too_short = Tiene menos de { $min } caracteres.
password-reason-too_long = Tiene más de 256 caracteres.
password-reason-common = Es una de las contraseñas más comunes.
password-reason-breached = Ha aparecido en una filtración de datos.
password-reason-personal = Contiene tu nombre, correo, teléfono o fecha de nacimiento.
password-reason-too_guessable = Sería fácil de adivinar.
password-reason-reused = La usaste hace poco. Elige una que no hayas usado antes.

password-warning-straight_rows = Las filas seguidas de teclas son fáciles de adivinar.
password-warning-short_keyboard_patterns = Los patrones cortos de teclado son fáciles de adivinar.
password-warning-repeats = Las repeticiones como “aaa” son fáciles de adivinar.
password-warning-repeated_patterns = Las repeticiones como “abcabc” son apenas más difíciles de adivinar que “abc”.
password-warning-top10 = Esta es una de las diez contraseñas más comunes.
password-warning-top100 = Esta es una de las cien contraseñas más comunes.
password-warning-common = Es una contraseña muy común.
password-warning-similar_to_common = Se parece a una contraseña muy usada.
password-warning-sequences = Las secuencias como “abc” o “6543” son fáciles de adivinar.
password-warning-recent_years = Los años recientes son fáciles de adivinar.
password-warning-single_word = Una sola palabra es fácil de adivinar.
password-warning-dates = Las fechas suelen ser fáciles de adivinar.
password-warning-names = Los nombres y apellidos solos son fáciles de adivinar.
password-warning-common_names = Los nombres y apellidos comunes son fáciles de adivinar.

password-suggestion-few_words = Usa unas cuantas palabras; evita frases comunes.
password-suggestion-no_symbols_needed = No hacen falta símbolos, números ni mayúsculas.
password-suggestion-add_word = Agrega una o dos palabras más. Mejor si son poco comunes.
password-suggestion-capitalization = Las mayúsculas no ayudan mucho.
password-suggestion-all_uppercase = Todo en mayúsculas es casi tan fácil de adivinar como todo en minúsculas.
password-suggestion-reversed_words = Las palabras al revés no son mucho más difíciles de adivinar.
password-suggestion-substitutions = Cambios como “@” por “a” no ayudan mucho.
password-suggestion-longer_keyboard_pattern = Usa un patrón de teclado más largo y con más giros.
password-suggestion-avoid_repeats = Evita palabras y caracteres repetidos.
password-suggestion-avoid_sequences = Evita las secuencias.
password-suggestion-avoid_recent_years = Evita los años recientes.
password-suggestion-avoid_your_years = Evita los años relacionados contigo.
password-suggestion-avoid_your_dates = Evita las fechas y años relacionados contigo.

password-breach_check-unavailable = La comprobación de filtraciones no está disponible ahora; las demás comprobaciones siguen aplicándose.

# The words before the reasons a new password is refused.
password-blocked = Todavía no se puede usar:
