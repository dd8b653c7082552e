# Regain's messages, pages and password-policy texts in Brazilian Portuguese (pt-BR), translated
# from en.ftl (same messages, attributes, variables and selectors).
#
# A message's value is its body; `.subject` is an email's subject. Paragraphs are separated by
# a blank line. Variables: $code, $link and $reference are shown as given; $minutes and $hours
# are numbers (select on them for plurals; in Portuguese "one" covers 0 and 1); $kind is "email"
# or "phone"; $name is a person's display name, as they wrote it.
#
# Terminology follows the app's screens (ui/src/lib/messages/pt-BR.ts): "você", "entrar" /
# "desconectar", "contatos de recuperação", "verificação em duas etapas", "app autenticador",
# "solicitação de suporte", "provas", "passe de recuperação", "período de espera",
# "A equipe do Regain nunca pede senha nem código."

## Shared pieces

-brand = Regain

# The last lines of every notice of a change: what to do if it was you (unless the notice says
# otherwise), and the "this wasn't me" link.
notice-if-you = Se foi você, não é preciso fazer nada.
notice-not-me =
    Se não foi você, abra este link imediatamente. Ele desconecta todos os dispositivos e permite que você retome o controle da conta:
    { $link }

# A notice sent by SMS: the subject, then the body.
sms-notice = { -brand }: { $subject }. { $body }

## Codes

confirm-email =
    Seu código de confirmação do { -brand } é { $code }.

    Digite-o no { -brand } para confirmar este e-mail. Ele é válido por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } e só pode ser usado uma vez.

    Se você não adicionou este e-mail a uma conta do { -brand }, ignore esta mensagem: nada muda enquanto o código não for digitado.
    .subject = Confirme seu e-mail no { -brand }

# One SMS segment: at most 160 GSM-7 characters, or 70 for any other script (with a 6-digit
# code and 10 minutes). Written without ã, ç, ó, ú, í, á so that it stays GSM-7.
confirm-phone-sms = { -brand }: use { $code } para confirmar este telefone. Vale por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }. Nunca compartilhe com ninguém.

recovery-email =
    Recebemos um pedido para redefinir a senha da sua conta do { -brand }. Esperamos que tenha sido você.

    Seu código de recuperação é { $code }. Ele é válido por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } e só pode ser usado uma vez.

    Ou abra este link para continuar:
    { $link }

    Nunca compartilhe este código: a equipe do { -brand } nunca vai pedi-lo. Se não foi você que pediu, ignore esta mensagem; sua senha continua a mesma.
    .subject = Seu código de recuperação do { -brand }

# One SMS segment (see confirm-phone-sms).
recovery-sms = { -brand }: use { $code } para recuperar sua conta. Vale por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }. Nunca compartilhe: se alguém pedir, mesmo em nome do { -brand }, é golpe.

## Notices of a change (each followed by notice-if-you, or its own .if-you, and notice-not-me)

password-reset = { $questions-only ->
        [yes] A senha da sua conta do { -brand } acabou de ser redefinida usando apenas as perguntas de segurança, e todos os dispositivos foram desconectados.
       *[no] A senha da sua conta do { -brand } acabou de ser redefinida, e todos os dispositivos foram desconectados.
    }
    .subject = Sua senha do { -brand } foi redefinida

password-changed = A senha da sua conta do { -brand } acabou de ser alterada em um dispositivo conectado, e seus outros dispositivos foram desconectados.
    .subject = Sua senha do { -brand } foi alterada

security-questions-changed = As perguntas de segurança da sua conta do { -brand } acabaram de ser substituídas.
    .subject = Suas perguntas de segurança do { -brand } foram alteradas

second-factor-added = Um app autenticador acabou de ser configurado como segunda etapa do login na sua conta do { -brand }, com um novo conjunto de códigos de recuperação.
    .subject = Verificação em duas etapas ativada na sua conta do { -brand }
    .if-you = Se foi você, guarde os códigos de recuperação em um lugar seguro.

second-factor-removed = O app autenticador e os códigos de recuperação da sua conta do { -brand } acabaram de ser removidos: agora o login pede apenas a senha.
    .subject = Verificação em duas etapas desativada na sua conta do { -brand }

recovery-codes-regenerated = Um novo conjunto de códigos de recuperação acabou de ser gerado para sua conta do { -brand }; os códigos antigos não funcionam mais.
    .subject = Novos códigos de recuperação para sua conta do { -brand }
    .if-you = Se foi você, guarde os novos códigos em um lugar seguro.

contact-changed = { $kind ->
        [email] Um novo e-mail acabou de ser confirmado na sua conta do { -brand }. A partir de agora, é ele que recebe os códigos e avisos da conta.
       *[phone] Um novo número de telefone acabou de ser confirmado na sua conta do { -brand }. A partir de agora, é ele que recebe os códigos e avisos da conta.
    }
    .subject = { $kind ->
        [email] Novo e-mail na sua conta do { -brand }
       *[phone] Novo número de telefone na sua conta do { -brand }
    }

contact-removed = { $kind ->
        [email] O e-mail da sua conta do { -brand } acabou de ser removido: ele não recebe mais os códigos e avisos da conta.
       *[phone] O número de telefone da sua conta do { -brand } acabou de ser removido: ele não recebe mais os códigos e avisos da conta.
    }
    .subject = { $kind ->
        [email] O e-mail da sua conta do { -brand } foi removido
       *[phone] O número de telefone da sua conta do { -brand } foi removido
    }

device-marked-lost = Um dos dispositivos conectados à sua conta do { -brand } acabou de ser marcado como perdido. Ele está bloqueado: o app nele pede a senha da conta antes de fazer qualquer outra coisa.
    .subject = Um dispositivo da sua conta do { -brand } foi marcado como perdido

circle-invited = Você convidou { $name } para ser um dos seus contatos de recuperação no { -brand }. Depois de aceitar, { $name } poderá confirmar que é você junto com seus outros contatos.
    .subject = Você convidou um contato de recuperação

circle-rules-changed = Um contato de recuperação foi removido da sua conta do { -brand }, ou foi alterado o número de contatos que precisam confirmar que é você.
    .subject = Seus contatos de recuperação foram alterados

vouch-declined = { $dont-know ->
        [yes] Alguém pediu aos seus contatos de recuperação que confirmassem uma recuperação da sua conta do { -brand }, e { $name } disse não saber de nada. A recuperação foi encerrada.
       *[no] Alguém pediu aos seus contatos de recuperação que confirmassem uma recuperação da sua conta do { -brand }, e { $name } recusou. A recuperação foi encerrada.
    }
    .subject = Uma recuperação da sua conta foi encerrada

## Support requests and assisted recovery

support-contact-code =
    Seu código é { $code }. Digite-o no { -brand } para confirmar que o suporte pode falar com você por aqui. Ele é válido por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    } e só pode ser usado uma vez.

    Se você não pediu ajuda ao suporte do { -brand }, ignore esta mensagem.
    .subject = Confirme este e-mail para sua solicitação de suporte do { -brand }

# One SMS segment (see confirm-phone-sms).
support-contact-code-sms = { -brand }: use { $code } para confirmar este telefone no seu pedido de ajuda ao suporte. Vale por { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }.

support-request-received =
    Recebemos sua solicitação de suporte { $reference }. Alguém da nossa equipe vai analisar suas provas. Acompanhe a situação aqui:
    { $link }

    A equipe do { -brand } nunca pede senha nem código.
    .subject = { -brand }: solicitação de suporte { $reference } recebida

assisted-recovery-started =
    Alguém da equipe do { -brand } aprovou um pedido para recuperar sua conta com provas de titularidade. Em { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }, a pessoa que fez o pedido poderá escolher uma nova senha.

    Se foi você, não é preciso fazer nada.

    Se não foi você, cancele agora:
    { $link }

    Se você entrar com sua senha atual, a recuperação também será cancelada.
    .subject = Alguém pediu ao suporte do { -brand } para recuperar sua conta

assisted-recovery-pass =
    O período de espera da sua solicitação de suporte terminou. Abra este link para escolher uma nova senha; ele só pode ser usado uma vez e vale por { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }:
    { $link }

    A equipe do { -brand } nunca pede senha nem código.
    .subject = Seu passe de recuperação do { -brand }

contact-claimed =
    Alguém acabou de tentar criar uma conta do { -brand } com este { $kind ->
        [email] e-mail
       *[phone] número de telefone
    }, que já pertence à sua conta. Nada foi alterado, e a nova conta não pode usá-lo.

    Se foi você, entre na conta que você já tem; se esqueceu a senha, recupere a conta no app { -brand }.
    .subject = { $kind ->
        [email] Alguém tentou usar seu e-mail em uma nova conta do { -brand }
       *[phone] Alguém tentou usar seu número de telefone em uma nova conta do { -brand }
    }

## Recovery contacts

circle-invitation =
    { $name } quer que você seja um dos contatos de recuperação dessa pessoa no { -brand }: se um dia ela perder todas as formas de entrar na conta, você e os outros contatos dela poderão confirmar que é ela, e nenhum de vocês consegue fazer isso sozinho.

    Abra o app { -brand } para aceitar ou recusar. Se você não conhece { $name }, recuse.
    .subject = { $name } pede que você seja contato de recuperação

circle-accepted = { $name } aceitou ser um dos seus contatos de recuperação no { -brand }. Você pode ver e alterar seus contatos de recuperação na central de segurança do app.
    .subject = { $name } agora é um dos seus contatos de recuperação

circle-stepped-down = { $name } deixou de ser um dos seus contatos de recuperação no { -brand }. Confira na central de segurança do app se ainda restam contatos suficientes para confirmar que é você e, se não restarem, convide outra pessoa.
    .subject = { $name } não é mais um dos seus contatos de recuperação

vouch-requested =
    { $name } diz que perdeu todas as formas de entrar na própria conta do { -brand } e pede que você, como contato de recuperação, confirme que é mesmo essa pessoa.

    Antes de qualquer coisa, ligue para ela ou fale com ela pessoalmente. Nunca confirme por causa de uma mensagem, conversa ou ligação que você não esperava: é assim que contas são roubadas. Se for mesmo ela, ela vai ler um código para você; digite-o na central de segurança do seu app { -brand }.
    .subject = { $name } pede sua confirmação como contato de recuperação

vouched-recovery-started =
    Um número suficiente dos seus contatos de recuperação confirmou a identidade de alguém que está recuperando sua conta do { -brand }. Em no máximo { $hours ->
        [one] { $hours } hora
       *[other] { $hours } horas
    }, essa pessoa poderá escolher uma nova senha.

    Se foi você, não é preciso fazer nada.

    Se não foi você, cancele agora:
    { $link }

    Se você entrar com sua senha atual, a recuperação também será cancelada.
    .subject = Seus contatos de recuperação confirmaram uma recuperação da sua conta

## Pages a browser sees (the emailed links). Each page's title is its message's value.

page-link = Continue sua recuperação
    .intro = Você pediu para redefinir sua senha do { -brand }.
    .open-app = Abrir no app { -brand }
    .continue = Continuar neste navegador
    .not-you = Se não foi você que pediu, feche esta página: nada muda.
page-one-more-step = Falta mais uma etapa
    .text = Seu e-mail foi confirmado. Esta conta precisa de mais uma verificação: continue no app { -brand }.
page-new-password = Escolha uma nova senha
    .label = Nova senha
    .guidance = Use pelo menos { $min } caracteres, ou quatro ou mais palavras aleatórias. Evite seu nome, data de nascimento e número de telefone. Deixe um gerenciador de senhas criar e lembrar a senha por você.
    .submit = Definir a nova senha
page-password-reset = Sua senha foi redefinida
    .text = Todos os dispositivos foram desconectados. Entre com a nova senha.
    .advice = Mantenha seu e-mail e telefone atualizados, ative a verificação em duas etapas e use um gerenciador de senhas.
page-not-me = Não fui eu
    .text = Se outra pessoa redefiniu sua senha, desconecte todos os dispositivos agora e depois recupere sua conta no app { -brand }.
    .button = Desconectar todos os dispositivos
page-signed-out = Todos os dispositivos foram desconectados
    .text = Recupere sua conta no app { -brand } agora e escolha uma senha que você não use em nenhum outro lugar.
    .open-app = Abrir o app { -brand }
page-support-status = Solicitação de suporte { $reference }
    .awaiting-contact = Aguardando o código que enviamos para o contato que você informou.
    .open = Na fila: alguém da equipe vai analisar suas provas.
    .in-review = Alguém da equipe está analisando suas provas agora.
    .approved = Aprovada: os contatos da sua conta foram avisados, e você receberá um passe de recuperação quando o período de espera terminar.
    .denied = Não aprovada. Você pode enviar uma nova solicitação com outras provas.
    .closed = Encerrada.
    .staff-never-ask = A equipe do { -brand } nunca pede senha nem código.
page-cancel = Cancelar a recuperação da sua conta
    .text = Alguém pediu ao suporte do { -brand } para recuperar sua conta. Se não foi você, cancele: assim ninguém poderá usar essa recuperação.
    .button = Cancelar a recuperação
page-cancelled = A recuperação foi cancelada
    .text = Ninguém pode usá-la. Entre e confira a central de segurança da sua conta: troque sua senha se achar que alguém a conhece.
page-pass = Escolha uma nova senha
    .text = O período de espera terminou. Este passe só pode ser usado uma vez.
    .button = Continuar
page-error = Não é possível continuar com este link
    .code = Código: { $code }
# Why a page refused, by the stable error code; any other code gets the last line.
page-error-reason = { $reason ->
        [invalid_link] Este link não funciona mais. Peça um novo código.
        [invalid_reset_token] Esta redefinição não é mais válida. Comece a recuperação de novo.
        [flow_expired] Esta recuperação terminou. Comece de novo.
        [flow_locked] Esta recuperação foi encerrada por excesso de tentativas erradas. Comece de novo mais tarde ou fale com o suporte.
        [flow_state] Esta etapa não está disponível agora. Continue no app { -brand }.
        [rate_limited] Muitas tentativas. Aguarde um momento e tente de novo.
        [busy] Estamos ocupados no momento e nada foi alterado. Tente novamente daqui a pouco.
        [invalid_field] Este link está incompleto. Abra de novo o link da mensagem que enviamos.
       *[other] Algo deu errado. Tente de novo daqui a pouco ou continue no app { -brand }.
    }

## Password policy: the guidance beside a new-password field and the reasons a password is
## refused (keys as the policy names them, dots written as hyphens)

password-tip-length = Use pelo menos 15 caracteres, ou quatro ou mais palavras aleatórias.
password-tip-personal = Evite seu nome, data de nascimento, telefone e e-mail.
password-tip-reuse = Nunca reutilize a senha de outra conta.
password-tip-manager = Deixe um gerenciador de senhas criar e lembrar por você.
password-tip-two_step = Ative também a verificação em duas etapas.

password-reason-too_short = Tem menos de { $min } caracteres.
password-reason-too_long = Tem mais de 256 caracteres.
password-reason-common = É uma das senhas mais comuns.
password-reason-breached = Apareceu em um vazamento de dados.
password-reason-personal = Contém seu nome, e-mail, telefone ou data de nascimento.
password-reason-too_guessable = Seria fácil de adivinhar.
password-reason-reused = Você a usou recentemente. Escolha uma que ainda não usou.

password-warning-straight_rows = Fileiras seguidas de teclas são fáceis de adivinhar.
password-warning-short_keyboard_patterns = Padrões curtos de teclado são fáceis de adivinhar.
password-warning-repeats = Repetições como “aaa” são fáceis de adivinhar.
password-warning-repeated_patterns = Repetições como “abcabc” são só um pouco mais difíceis de adivinhar que “abc”.
password-warning-top10 = Esta é uma das dez senhas mais comuns.
password-warning-top100 = Esta é uma das cem senhas mais comuns.
password-warning-common = Esta é uma senha muito comum.
password-warning-similar_to_common = É parecida com uma senha muito usada.
password-warning-sequences = Sequências como “abc” ou “6543” são fáceis de adivinhar.
password-warning-recent_years = Anos recentes são fáceis de adivinhar.
password-warning-single_word = Uma só palavra é fácil de adivinhar.
password-warning-dates = Datas costumam ser fáceis de adivinhar.
password-warning-names = Nomes e sobrenomes sozinhos são fáceis de adivinhar.
password-warning-common_names = Nomes e sobrenomes comuns são fáceis de adivinhar.

password-suggestion-few_words = Use algumas palavras; evite frases comuns.
password-suggestion-no_symbols_needed = Não precisa de símbolos, números nem maiúsculas.
password-suggestion-add_word = Acrescente mais uma ou duas palavras. Palavras incomuns são melhores.
password-suggestion-capitalization = Maiúsculas não ajudam muito.
password-suggestion-all_uppercase = Tudo em maiúsculas é quase tão fácil de adivinhar quanto tudo em minúsculas.
password-suggestion-reversed_words = Palavras de trás para frente não são muito mais difíceis de adivinhar.
password-suggestion-substitutions = Trocas como “@” por “a” não ajudam muito.
password-suggestion-longer_keyboard_pattern = Use um padrão de teclado mais longo e com mais curvas.
password-suggestion-avoid_repeats = Evite palavras e caracteres repetidos.
password-suggestion-avoid_sequences = Evite sequências.
password-suggestion-avoid_recent_years = Evite anos recentes.
password-suggestion-avoid_your_years = Evite anos ligados a você.
password-suggestion-avoid_your_dates = Evite datas e anos ligados a você.

password-breach_check-unavailable = A verificação de vazamentos está indisponível agora; as outras verificações continuam valendo.

# The words before the reasons a new password is refused.
password-blocked = Ainda não pode ser usada:
