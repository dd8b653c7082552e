//! One recovery walk, as the app and the terminal client both take it: the "I'm not a robot"
//! check solved, the flow started, a method chosen, a code sent (again), a proof, the new
//! password. It keeps what the service hands out to the client (the solved captcha, the reset
//! token) so that no caller ever holds them, and after a refused step it reads the flow again,
//! so the caller shows where things stand (tries left, locked) beside the error.

use std::time::{Duration, Instant};

use regain_protocol::{
    ErrorCode, FlowView, RecoveryMethod, RedeemPassRequest, Secret, SetPasswordRequest,
    StartRecoveryRequest, VerifyRequest, VerifyResponse,
};

use crate::{captcha, Client, Error};

/// Why a step of the walk could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum WalkError {
    /// The service refused it, or could not be reached.
    #[error(transparent)]
    Service(#[from] Error),
    /// A step that needs a recovery in progress, with none.
    #[error("start a recovery first")]
    NoRecovery,
    /// A start without a solved "I'm not a robot" check.
    #[error("solve the \"I'm not a robot\" check first")]
    CaptchaUnsolved,
    /// The check could not be solved (a challenge the solver does not take).
    #[error("the \"I'm not a robot\" check could not be solved: {0}")]
    CaptchaFailed(String),
}

/// A recovery in progress.
#[derive(Debug, Default)]
pub struct RecoverySession {
    captcha: Option<Secret<String>>,
    /// A full contact detail, as secret as the rest (zeroized when the session is dropped).
    identifier: Option<Secret<String>>,
    flow: Option<FlowView>,
    reset_token: Option<Secret<String>>,
    /// The secret a waiting period began with, which finishes it.
    wait_token: Option<Secret<String>>,
    /// A gate was passed with the account's second factor: the account has one, and its new
    /// password may be as short as the policy allows with one.
    second_factor: bool,
}

impl RecoverySession {
    /// The flow as last seen.
    pub fn flow(&self) -> Option<&FlowView> {
        self.flow.as_ref()
    }

    /// What the person typed to name the account (the app keeps it out of the new password).
    pub fn identifier(&self) -> Option<&str> {
        self.identifier.as_ref().map(|identifier| identifier.expose().as_str())
    }

    /// Whether the account proved its second factor in this recovery (so it has one).
    pub fn passed_second_factor(&self) -> bool {
        self.second_factor
    }

    /// Whether a captcha is solved and waiting for the next start.
    pub fn has_captcha(&self) -> bool {
        self.captcha.is_some()
    }

    /// Forgets the recovery (going back to the start).
    pub fn cancel(&mut self) {
        *self = Self::default();
    }

    /// Fetches a challenge and solves its proof of work off the async executor, calling
    /// `progress` with the milliseconds spent about ten times a second. The solution waits
    /// for the next [`Self::start`].
    pub async fn solve_captcha(
        &mut self,
        client: &Client,
        mut progress: impl FnMut(u32) + Send,
    ) -> Result<(), WalkError> {
        let challenge = client.captcha_challenge().await?;
        let started = Instant::now();
        let mut work = tokio::task::spawn_blocking(move || captcha::solve(&challenge.0));
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        let solved = loop {
            tokio::select! {
                result = &mut work => break result,
                _ = tick.tick() => progress(elapsed_ms(started)),
            }
        };
        let solved = solved
            .map_err(|_| WalkError::CaptchaFailed("the solver stopped unexpectedly".into()))?
            .map_err(|e| WalkError::CaptchaFailed(e.to_string()))?;
        progress(elapsed_ms(started));
        self.captcha = Some(solved);
        Ok(())
    }

    /// The solved captcha, spent by something other than a start (a support request).
    pub fn take_captcha(&mut self) -> Result<Secret<String>, WalkError> {
        self.captcha.take().ok_or(WalkError::CaptchaUnsolved)
    }

    /// Starts recovering the account `identifier` names, spending the solved captcha.
    pub async fn start(
        &mut self,
        client: &Client,
        identifier: &str,
        region: Option<String>,
    ) -> Result<FlowView, WalkError> {
        let captcha = self.captcha.take().ok_or(WalkError::CaptchaUnsolved)?;
        let identifier = identifier.trim().to_owned();
        let request = StartRecoveryRequest {
            identifier: identifier.clone(),
            region: region.filter(|r| !r.is_empty()),
            captcha: captcha.into_exposed(),
        };
        let flow = client.start_recovery(&request).await?;
        *self = Self {
            identifier: Some(Secret::new(identifier)),
            flow: Some(flow.clone()),
            ..Self::default()
        };
        Ok(flow)
    }

    /// Sends a code by `method`, or shows the security questions.
    pub async fn choose(
        &mut self,
        client: &Client,
        method: RecoveryMethod,
    ) -> Result<FlowView, WalkError> {
        let flow_id = self.flow_id()?;
        let result = client.challenge(&flow_id, method).await;
        self.settle(client, &flow_id, result).await
    }

    /// Sends a new code by the method of the code on its way.
    pub async fn resend(&mut self, client: &Client) -> Result<FlowView, WalkError> {
        let method = self
            .flow
            .as_ref()
            .and_then(|f| f.challenge.as_ref())
            .map(|c| c.method)
            .ok_or(WalkError::Service(Error::api(ErrorCode::FlowState)))?;
        self.choose(client, method).await
    }

    /// The flow as the service sees it now (delivery, tries left), or none.
    pub async fn refresh(&mut self, client: &Client) -> Result<Option<FlowView>, WalkError> {
        let Some(flow_id) = self.flow.as_ref().map(|f| f.flow_id.clone()) else { return Ok(None) };
        let flow = client.flow(&flow_id).await?;
        self.flow = Some(flow.clone());
        Ok(Some(flow))
    }

    /// Checks a code as typed, pasted or dictated: separators dropped and any script's digits
    /// read as ASCII digits.
    pub async fn verify_code(
        &mut self,
        client: &Client,
        code: &Secret<String>,
    ) -> Result<FlowView, WalkError> {
        let code = regain_protocol::digits::normalize_code(code.expose());
        self.prove(client, VerifyRequest { code: Some(Secret::new(code)), ..Default::default() })
            .await
    }

    /// Checks the answers to the security questions, in their order.
    pub async fn answer(
        &mut self,
        client: &Client,
        answers: Vec<Secret<String>>,
    ) -> Result<FlowView, WalkError> {
        self.prove(client, VerifyRequest { answers: Some(answers), ..Default::default() }).await
    }

    /// Opens an emailed link (`regain://recover?flow=…&token=…`, or the service's https form):
    /// the flow it names becomes the recovery in progress, proven by the link.
    pub async fn open_link(
        &mut self,
        client: &Client,
        link: &Secret<String>,
    ) -> Result<FlowView, WalkError> {
        let (flow_id, token) = parse_link(link.expose())
            .ok_or(WalkError::Service(Error::api(ErrorCode::InvalidLink)))?;
        if self.flow.as_ref().map(|f| f.flow_id.as_str()) != Some(flow_id.as_str()) {
            *self = Self::default();
        }
        let request = VerifyRequest { link_token: Some(token), ..Default::default() };
        let result = client.verify(&flow_id, &request).await;
        self.accept(client, &flow_id, result).await
    }

    /// Uses an assisted recovery's pass (as it came, the whole link, or the pass alone): the
    /// flow it opens, at its "choose a new password" step, becomes the recovery in progress.
    pub async fn redeem_pass(
        &mut self,
        client: &Client,
        pass: &Secret<String>,
    ) -> Result<FlowView, WalkError> {
        let pass = parse_pass(pass.expose())
            .ok_or(WalkError::Service(Error::api(ErrorCode::InvalidLink)))?;
        *self = Self::default();
        let redeemed = client.redeem_pass(&RedeemPassRequest { pass }).await?;
        let flow_id = redeemed.flow.flow_id.clone();
        self.accept(client, &flow_id, Ok(redeemed)).await
    }

    /// Proves that enough recovery contacts vouched, with the code the flow shows (the one the
    /// person read to them).
    pub async fn vouched(&mut self, client: &Client) -> Result<FlowView, WalkError> {
        let code = self
            .flow
            .as_ref()
            .and_then(|f| f.challenge.as_ref())
            .and_then(|c| c.vouching.as_ref())
            .map(|v| Secret::new(v.code.clone()))
            .ok_or(WalkError::Service(Error::api(ErrorCode::FlowState)))?;
        self.prove(client, VerifyRequest { code: Some(code), ..Default::default() }).await
    }

    /// The secret of the waiting period under way, for the app to keep across restarts.
    pub fn wait_token(&self) -> Option<&Secret<String>> {
        self.wait_token.as_ref()
    }

    /// Takes up a flow kept while it waited (the app was closed meanwhile), with its wait's
    /// secret: the flow as the service sees it now becomes the recovery in progress.
    pub async fn resume(
        &mut self,
        client: &Client,
        flow_id: &str,
        wait_token: &Secret<String>,
    ) -> Result<FlowView, WalkError> {
        *self = Self::default();
        let flow = client.flow(flow_id).await?;
        self.flow = Some(flow.clone());
        self.wait_token = Some(wait_token.clone());
        Ok(flow)
    }

    /// Once the waiting period after recovery contacts vouched is over: the new-password step.
    pub async fn finish_wait(&mut self, client: &Client) -> Result<FlowView, WalkError> {
        let flow_id = self.flow_id()?;
        let wait_token = self
            .wait_token
            .clone()
            .ok_or(WalkError::Service(Error::api(ErrorCode::InvalidLink)))?;
        let result = client.finish_wait(&flow_id, &wait_token).await;
        self.accept(client, &flow_id, result).await
    }

    /// Offers this app's refresh token of the account as evidence for the waiting period.
    pub async fn known_device(
        &mut self,
        client: &Client,
        refresh_token: &Secret<String>,
    ) -> Result<FlowView, WalkError> {
        let flow_id = self.flow_id()?;
        let flow = client.known_device(&flow_id, refresh_token).await?;
        self.flow = Some(flow.clone());
        Ok(flow)
    }

    /// Sets the new password with the reset token; the walk is then over. Every session of
    /// the account ends.
    pub async fn set_password(
        &mut self,
        client: &Client,
        password: &Secret<String>,
    ) -> Result<(), WalkError> {
        let flow_id = self.flow_id()?;
        let reset_token = self
            .reset_token
            .clone()
            .ok_or(WalkError::Service(Error::api(ErrorCode::InvalidResetToken)))?;
        let request = SetPasswordRequest { reset_token, new_password: password.clone() };
        client.set_password(&flow_id, &request).await?;
        self.cancel();
        Ok(())
    }

    async fn prove(
        &mut self,
        client: &Client,
        request: VerifyRequest,
    ) -> Result<FlowView, WalkError> {
        let flow_id = self.flow_id()?;
        let by_factor = self.flow.as_ref().and_then(|f| f.challenge.as_ref()).is_some_and(|c| {
            matches!(c.method, RecoveryMethod::Totp | RecoveryMethod::RecoveryCode)
        });
        let result = client.verify(&flow_id, &request).await;
        self.second_factor |= by_factor && result.is_ok();
        self.accept(client, &flow_id, result).await
    }

    async fn accept(
        &mut self,
        client: &Client,
        flow_id: &str,
        result: Result<VerifyResponse, Error>,
    ) -> Result<FlowView, WalkError> {
        let result = result.map(|verified| {
            if let Some(token) = verified.reset_token {
                self.reset_token = Some(token);
            }
            if let Some(token) = verified.wait_token {
                self.wait_token = Some(token);
            }
            verified.flow
        });
        self.settle(client, flow_id, result).await
    }

    /// Keeps the flow up to date: on success its new view, on a refusal the service's view.
    async fn settle(
        &mut self,
        client: &Client,
        flow_id: &str,
        result: Result<FlowView, Error>,
    ) -> Result<FlowView, WalkError> {
        match result {
            Ok(flow) => {
                self.flow = Some(flow.clone());
                Ok(flow)
            }
            Err(error) => {
                if let Ok(flow) = client.flow(flow_id).await {
                    self.flow = Some(flow);
                }
                Err(error.into())
            }
        }
    }

    fn flow_id(&self) -> Result<String, WalkError> {
        self.flow.as_ref().map(|f| f.flow_id.clone()).ok_or(WalkError::NoRecovery)
    }
}

fn elapsed_ms(started: Instant) -> u32 {
    u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX)
}

/// A recovery pass as a person may type or paste it: the service's link
/// (`https://…/support/pass?pass=P`) or the pass alone (`rgp_…`), spaces around it ignored.
pub fn parse_pass(text: &str) -> Option<Secret<String>> {
    let text = text.trim();
    let pass = match url::Url::parse(text) {
        Ok(url) => url.query_pairs().find(|(key, _)| key == "pass").map(|(_, v)| v.into_owned())?,
        Err(_) => text.to_owned(),
    };
    let well_formed = pass.starts_with("rgp_")
        && pass.len() <= 128
        && pass.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    well_formed.then(|| Secret::new(pass))
}

/// `regain://recover?flow=F&token=T`, or the service's `https://…/recover/link?flow=F&token=T`.
pub fn parse_link(link: &str) -> Option<(String, Secret<String>)> {
    let url = url::Url::parse(link.trim()).ok()?;
    let path_ok = match url.scheme() {
        "regain" => url.host_str() == Some("recover") || url.path().trim_matches('/') == "recover",
        "https" | "http" => url.path().ends_with("/recover/link"),
        _ => false,
    };
    if !path_ok {
        return None;
    }
    let mut flow = None;
    let mut token = None;
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "flow" => flow = Some(value.into_owned()),
            "token" => token = Some(Secret::new(value.into_owned())),
            _ => {}
        }
    }
    Some((flow?, token?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_is_read_from_its_link_or_alone_and_nothing_else_is_taken_for_one() {
        for typed in [
            "rgp_AbC-12_x",
            "  rgp_AbC-12_x\n",
            "https://regain.example/support/pass?pass=rgp_AbC-12_x",
            "http://127.0.0.1:8080/support/pass?pass=rgp_AbC-12_x&lang=en",
        ] {
            let pass = parse_pass(typed).expect(typed);
            assert_eq!(pass.expose(), "rgp_AbC-12_x", "{typed:?}");
        }
        for not_a_pass in
            ["", "123456", "rgx_AbC", "rgp_a b", "https://regain.example/support/pass"]
        {
            assert!(parse_pass(not_a_pass).is_none(), "{not_a_pass:?}");
        }
    }

    #[test]
    fn links_name_a_flow_and_a_token() {
        let (flow, token) = parse_link("regain://recover?flow=f_1&token=t0k").expect("parses");
        assert_eq!((flow.as_str(), token.expose().as_str()), ("f_1", "t0k"));
        assert!(parse_link("https://r.example/recover/link?flow=f&token=t").is_some());
        assert!(parse_link("regain://settings?flow=f&token=t").is_none());
        assert!(parse_link("regain://recover?flow=f").is_none());
        assert!(parse_link("not a url").is_none());
    }
}
