# Regain's messages, pages and password-policy texts in French (France). Checked against en.ftl
# (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (select on them for plurals: French integers use `one` for 0 and 1); $kind is
# "email" or "phone"; $name is a person's display name, as they wrote it.

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = Si c'est vous, vous n'avez rien à faire.
notice-not-me =
    Si ce n'est pas vous, ouvrez immédiatement ce lien. Il déconnecte tous les appareils et vous permet de reprendre le contrôle de votre compte :
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand } : { $subject }. { $body }

## Codes

confirm-email =
    Votre code de confirmation { -brand } est { $code }.

    Saisissez-le dans { -brand } pour confirmer cette adresse e-mail. Il est valable { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } et ne fonctionne qu'une fois.

    Si vous n'avez pas ajouté cette adresse à un compte { -brand }, ignorez ce message : rien ne change tant que le code n'est pas saisi.
    .subject = Confirmez votre adresse e-mail pour { -brand }

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes). Keep to GSM-7 letters (é, è, à, ù are fine; avoid ê, â, î, ô, û, ç).
confirm-phone-sms = { -brand } : { $code } est votre code pour confirmer ce numéro de téléphone. Valable { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Ne le communiquez jamais à personne.

recovery-email =
    Quelqu'un, sans doute vous, a demandé à réinitialiser le mot de passe de votre compte { -brand }.

    Votre code de récupération est { $code }. Il est valable { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } et ne fonctionne qu'une fois.

    Vous pouvez aussi ouvrir ce lien pour continuer :
    { $link }

    Ne communiquez ce code à personne : les agents { -brand } ne vous le demanderont jamais. Si vous n'êtes pas à l'origine de cette demande, ignorez ce message ; votre mot de passe reste inchangé.
    .subject = Votre code de récupération { -brand }

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand } : { $code } est votre code de récupération, valable { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Ne le communiquez à personne : nous ne vous le demanderons jamais.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] Le mot de passe de votre compte { -brand } vient d'être réinitialisé à l'aide des seules questions de sécurité, et tous les appareils ont été déconnectés.
       *[no] Le mot de passe de votre compte { -brand } vient d'être réinitialisé, et tous les appareils ont été déconnectés.
    }
    .subject = Votre mot de passe { -brand } a été réinitialisé

password-changed = Le mot de passe de votre compte { -brand } vient d'être modifié depuis un appareil connecté, et vos autres appareils ont été déconnectés.
    .subject = Votre mot de passe { -brand } a été modifié

security-questions-changed = Les questions de sécurité de votre compte { -brand } viennent d'être remplacées.
    .subject = Vos questions de sécurité { -brand } ont été modifiées

second-factor-added = Une application d'authentification vient d'être configurée comme deuxième étape de connexion à votre compte { -brand }, avec une nouvelle série de codes de secours.
    .subject = La validation en deux étapes est activée sur votre compte { -brand }
    .if-you = Si c'est vous, conservez les codes de secours en lieu sûr.

second-factor-removed = L'application d'authentification et les codes de secours de votre compte { -brand } viennent d'être supprimés : la connexion ne demande plus que le mot de passe.
    .subject = La validation en deux étapes a été désactivée sur votre compte { -brand }

recovery-codes-regenerated = Une nouvelle série de codes de secours vient d'être générée pour votre compte { -brand } ; les anciens codes ne fonctionnent plus.
    .subject = Nouveaux codes de secours pour votre compte { -brand }
    .if-you = Si c'est vous, conservez les nouveaux codes en lieu sûr.

contact-changed = { $kind ->
        [email] Une nouvelle adresse e-mail vient d'être confirmée pour votre compte { -brand }. C'est désormais elle qui reçoit les codes et les alertes du compte.
       *[phone] Un nouveau numéro de téléphone vient d'être confirmé pour votre compte { -brand }. C'est désormais lui qui reçoit les codes et les alertes du compte.
    }
    .subject = { $kind ->
        [email] Nouvelle adresse e-mail pour votre compte { -brand }
       *[phone] Nouveau numéro de téléphone pour votre compte { -brand }
    }

contact-removed = { $kind ->
        [email] L'adresse e-mail de votre compte { -brand } vient d'être supprimée : elle ne reçoit plus les codes et les alertes du compte.
       *[phone] Le numéro de téléphone de votre compte { -brand } vient d'être supprimé : il ne reçoit plus les codes et les alertes du compte.
    }
    .subject = { $kind ->
        [email] L'adresse e-mail de votre compte { -brand } a été supprimée
       *[phone] Le numéro de téléphone de votre compte { -brand } a été supprimé
    }

device-marked-lost = L'un des appareils connectés à votre compte { -brand } vient d'être déclaré perdu. Il est verrouillé : l'application demande le mot de passe du compte avant toute autre action sur cet appareil.
    .subject = Un appareil de votre compte { -brand } a été déclaré perdu

circle-invited = Vous avez invité { $name } à devenir l'un de vos contacts de récupération sur { -brand }. Une fois l'invitation acceptée, cette personne pourra se porter garante de vous avec vos autres contacts.
    .subject = Vous avez invité un contact de récupération

circle-rules-changed = Un contact de récupération a été retiré de votre compte { -brand }, ou le nombre de garants requis a été modifié.
    .subject = Vos contacts de récupération ont été modifiés

vouch-declined = { $dont-know ->
        [yes] Quelqu'un a sollicité vos contacts de récupération pour récupérer votre compte { -brand }, et { $name } a déclaré ne pas être au courant. La récupération a été interrompue.
       *[no] Quelqu'un a sollicité vos contacts de récupération pour récupérer votre compte { -brand }, et { $name } a refusé de se porter garant. La récupération a été interrompue.
    }
    .subject = Une récupération de votre compte a été interrompue

## Support requests and assisted recovery

support-contact-code =
    Votre code est { $code }. Saisissez-le dans { -brand } pour confirmer que l'assistance peut vous joindre ici. Il est valable { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } et ne fonctionne qu'une fois.

    Si vous n'avez pas demandé d'aide à l'assistance { -brand }, ignorez ce message.
    .subject = Confirmez cette adresse pour votre demande d'assistance { -brand }

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand } : { $code } confirme ce numéro pour votre demande d'assistance. Valable { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }. Ne le communiquez à personne.

support-request-received =
    Nous avons bien reçu votre demande d'assistance { $reference }. Un agent va examiner vos justificatifs. Vous pouvez suivre son avancement ici :
    { $link }

    Les agents { -brand } ne vous demandent jamais de mot de passe ni de code.
    .subject = Demande d'assistance { -brand } { $reference } reçue

assisted-recovery-started =
    Un agent de l'assistance { -brand } a approuvé une demande de récupération de votre compte, sur la base de justificatifs. Dans { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    }, la personne à l'origine de la demande pourra choisir un nouveau mot de passe.

    Si c'est vous, vous n'avez rien à faire.

    Si ce n'est pas vous, annulez la récupération dès maintenant :
    { $link }

    Une connexion avec votre mot de passe actuel l'annule aussi.
    .subject = Quelqu'un a demandé à l'assistance { -brand } de récupérer votre compte

assisted-recovery-pass =
    La période d'attente de votre demande d'assistance est terminée. Ouvrez ce lien pour choisir un nouveau mot de passe. Il ne fonctionne qu'une fois et reste valable { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    } :
    { $link }

    Les agents { -brand } ne vous demandent jamais de mot de passe ni de code.
    .subject = Votre pass de récupération { -brand }

contact-claimed =
    Quelqu'un vient d'essayer de créer un compte { -brand } avec { $kind ->
        [email] cette adresse e-mail, déjà associée à votre compte
       *[phone] ce numéro de téléphone, déjà associé à votre compte
    }. Rien n'a été modifié, et le nouveau compte ne peut pas l'utiliser.

    Si c'est vous, connectez-vous plutôt à votre compte existant ; si vous avez oublié son mot de passe, récupérez votre compte dans l'application { -brand }.
    .subject = { $kind ->
        [email] Quelqu'un a essayé d'utiliser votre adresse e-mail pour un nouveau compte { -brand }
       *[phone] Quelqu'un a essayé d'utiliser votre numéro de téléphone pour un nouveau compte { -brand }
    }

## Recovery contacts

circle-invitation =
    { $name } aimerait que vous deveniez l'un de ses contacts de récupération sur { -brand } : si cette personne perd un jour tout moyen d'accéder à son compte, ses autres contacts et vous pourrez vous porter garants d'elle ensemble, sans qu'aucun de vous ne puisse le faire seul.

    Ouvrez l'application { -brand } pour accepter ou refuser. Si vous ne connaissez pas { $name }, refusez.
    .subject = { $name } vous demande de devenir son contact de récupération

circle-accepted = { $name } a accepté de devenir l'un de vos contacts de récupération sur { -brand }. Vous pouvez consulter et modifier vos contacts de récupération dans le centre de sécurité de l'application.
    .subject = { $name } fait désormais partie de vos contacts de récupération

circle-stepped-down = { $name } ne fait plus partie de vos contacts de récupération sur { -brand } : cette personne s'est retirée. Vérifiez dans le centre de sécurité de l'application qu'il vous reste assez de contacts pour se porter garants de vous, et invitez quelqu'un d'autre si besoin.
    .subject = { $name } ne fait plus partie de vos contacts de récupération

vouch-requested =
    { $name } dit avoir perdu tout moyen d'accéder à son compte { -brand } et vous demande, en tant que contact de récupération, de vous porter garant.

    Avant toute action, appelez cette personne ou rencontrez-la. Ne vous portez jamais garant à la suite d'un message, d'une discussion ou d'un appel inattendus : c'est ainsi que des comptes sont volés. Si c'est bien elle, elle vous lira un code ; saisissez-le dans le centre de sécurité de votre application { -brand }.
    .subject = { $name } vous demande de vous porter garant

vouched-recovery-started =
    Suffisamment de vos contacts de récupération se sont portés garants d'une personne qui cherche à récupérer votre compte { -brand }. Dans { $hours ->
        [one] { $hours } heure
       *[other] { $hours } heures
    } au plus, cette personne pourra choisir un nouveau mot de passe.

    Si c'est vous, vous n'avez rien à faire.

    Si ce n'est pas vous, annulez la récupération dès maintenant :
    { $link }

    Une connexion avec votre mot de passe actuel l'annule aussi.
    .subject = Vos contacts de récupération se sont portés garants lors d'une récupération de votre compte

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = Poursuivre votre récupération
    .intro = Vous avez demandé à réinitialiser votre mot de passe { -brand }.
    .open-app = Ouvrir dans l'application { -brand }
    .continue = Continuer dans ce navigateur
    .not-you = Si vous n'êtes pas à l'origine de cette demande, fermez cette page : rien ne change.
page-one-more-step = Encore une étape
    .text = Votre adresse e-mail est confirmée. Ce compte demande une preuve supplémentaire : poursuivez dans l'application { -brand }.
page-new-password = Choisir un nouveau mot de passe
    .label = Nouveau mot de passe
    .guidance = Utilisez au moins { $min } caractères, ou au moins quatre mots choisis au hasard. Évitez votre nom, votre date de naissance et votre numéro de téléphone. Laissez un gestionnaire de mots de passe le créer et le retenir pour vous.
    .submit = Enregistrer le nouveau mot de passe
page-password-reset = Votre mot de passe est réinitialisé
    .text = Tous les appareils ont été déconnectés. Connectez-vous avec le nouveau mot de passe.
    .advice = Tenez à jour votre adresse e-mail et votre numéro de téléphone, activez la validation en deux étapes et utilisez un gestionnaire de mots de passe.
page-not-me = Ce n'était pas moi
    .text = Si quelqu'un d'autre a réinitialisé votre mot de passe, déconnectez dès maintenant tous les appareils, puis récupérez votre compte dans l'application { -brand }.
    .button = Déconnecter tous les appareils
page-signed-out = Tous les appareils sont déconnectés
    .text = Récupérez dès maintenant votre compte dans l'application { -brand }, et choisissez un mot de passe que vous n'utilisez nulle part ailleurs.
    .open-app = Ouvrir l'application { -brand }
page-support-status = Demande d'assistance { $reference }
    .awaiting-contact = En attente du code envoyé à la coordonnée que vous avez indiquée.
    .open = En file d'attente : un agent va examiner vos justificatifs.
    .in-review = Un agent examine vos justificatifs en ce moment.
    .approved = Approuvée : les coordonnées de votre compte ont été prévenues, et vous recevrez un pass de récupération à la fin de la période d'attente.
    .denied = Non approuvée. Vous pouvez faire une nouvelle demande avec d'autres justificatifs.
    .closed = Clôturée.
    .staff-never-ask = Les agents { -brand } ne vous demandent jamais de mot de passe ni de code.
page-cancel = Annuler la récupération de votre compte
    .text = Quelqu'un a demandé à l'assistance { -brand } de récupérer votre compte. Si ce n'est pas vous, annulez la récupération : personne ne pourra s'en servir.
    .button = Annuler la récupération
page-cancelled = La récupération est annulée
    .text = Personne ne peut plus s'en servir. Connectez-vous et consultez le centre de sécurité de votre compte : changez votre mot de passe si vous pensez que quelqu'un le connaît.
page-pass = Choisir un nouveau mot de passe
    .text = La période d'attente est terminée. Ce pass ne fonctionne qu'une fois.
    .button = Continuer
page-error = Impossible de poursuivre avec ce lien
    .code = Code : { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] Ce lien ne fonctionne plus. Demandez un nouveau code.
        [invalid_reset_token] Cette réinitialisation n'est plus valable. Recommencez la récupération.
        [flow_expired] Cette récupération a pris fin. Recommencez.
        [flow_locked] Trop d'essais incorrects ont mis fin à cette récupération. Recommencez plus tard, ou contactez l'assistance.
        [flow_state] Cette étape n'est pas disponible pour le moment. Poursuivez dans l'application { -brand }.
        [rate_limited] Trop de tentatives. Patientez un instant, puis réessayez.
        [busy] Nous sommes très sollicités en ce moment et rien n'a été modifié. Réessayez dans un instant.
        [invalid_field] Ce lien est incomplet. Ouvrez-le à nouveau depuis le message que nous vous avons envoyé.
       *[other] Un problème est survenu. Réessayez dans un instant, ou poursuivez dans l'application { -brand }.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = Utilisez au moins 15 caractères, ou au moins quatre mots choisis au hasard.
password-tip-personal = Évitez votre nom, votre date de naissance, votre numéro de téléphone et votre adresse e-mail.
password-tip-reuse = Ne réutilisez jamais le mot de passe d'un autre compte.
password-tip-manager = Laissez un gestionnaire de mots de passe le créer et le retenir pour vous.
password-tip-two_step = Activez aussi la validation en deux étapes.

password-reason-too_short = Il contient moins de { $min } caractères.
password-reason-too_long = Il contient plus de 256 caractères.
password-reason-common = C'est l'un des mots de passe les plus courants.
password-reason-breached = Il figure dans une fuite de données.
password-reason-personal = Il contient votre nom, votre adresse e-mail, votre numéro de téléphone ou votre date de naissance.
password-reason-too_guessable = Il serait facile à deviner.
password-reason-reused = Vous l'avez utilisé récemment. Choisissez-en un que vous n'avez jamais utilisé.

password-warning-straight_rows = Les rangées de touches consécutives sont faciles à deviner.
password-warning-short_keyboard_patterns = Les motifs de clavier courts sont faciles à deviner.
password-warning-repeats = Les caractères répétés comme « aaa » sont faciles à deviner.
password-warning-repeated_patterns = Les répétitions comme « abcabc » sont à peine plus difficiles à deviner que « abc ».
password-warning-top10 = C'est l'un des dix mots de passe les plus courants.
password-warning-top100 = C'est l'un des cent mots de passe les plus courants.
password-warning-common = C'est un mot de passe très courant.
password-warning-similar_to_common = Il ressemble à un mot de passe très courant.
password-warning-sequences = Les suites comme « abc » ou « 6543 » sont faciles à deviner.
password-warning-recent_years = Les années récentes sont faciles à deviner.
password-warning-single_word = Un mot seul est facile à deviner.
password-warning-dates = Les dates sont souvent faciles à deviner.
password-warning-names = Les prénoms et noms de famille seuls sont faciles à deviner.
password-warning-common_names = Les prénoms et noms de famille courants sont faciles à deviner.

password-suggestion-few_words = Utilisez plusieurs mots ; évitez les expressions courantes.
password-suggestion-no_symbols_needed = Inutile d'ajouter des symboles, des chiffres ou des majuscules.
password-suggestion-add_word = Ajoutez un ou deux mots. Les mots peu courants sont préférables.
password-suggestion-capitalization = Les majuscules n'apportent pas grand-chose.
password-suggestion-all_uppercase = Un mot de passe tout en majuscules est presque aussi facile à deviner que tout en minuscules.
password-suggestion-reversed_words = Les mots écrits à l'envers ne sont guère plus difficiles à deviner.
password-suggestion-substitutions = Remplacer « a » par « @ » n'apporte pas grand-chose.
password-suggestion-longer_keyboard_pattern = Utilisez un motif de clavier plus long, avec davantage de changements de direction.
password-suggestion-avoid_repeats = Évitez les mots et les caractères répétés.
password-suggestion-avoid_sequences = Évitez les suites.
password-suggestion-avoid_recent_years = Évitez les années récentes.
password-suggestion-avoid_your_years = Évitez les années qui vous concernent.
password-suggestion-avoid_your_dates = Évitez les dates et les années qui vous concernent.

password-breach_check-unavailable = La recherche dans les fuites de données est indisponible pour le moment ; les autres vérifications s'appliquent toujours.

# The words before the reasons a new password is refused.
password-blocked = Ce mot de passe ne peut pas encore être utilisé :
