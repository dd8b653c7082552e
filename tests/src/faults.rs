//! Peers that misbehave on purpose: an SMTP server that hangs or hangs up in the middle of a
//! message, and answers for the recording SMS gateway ([`crate::Gateway::scripted`]) that
//! throttle or never come. Real sockets on loopback; the product's own clients talk to them.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// What the scripted SMTP server does with one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpFault {
    /// Accepts the connection and never says a word.
    Hang,
    /// Speaks SMTP until the message's first line has arrived after `DATA`, then hangs up.
    DropInData,
}

/// An SMTP server on loopback that meets its first connections with `faults`, in order, and
/// every later one as an ordinary server that keeps each message it accepts. Stops with the
/// test's runtime.
#[derive(Debug, Clone)]
pub struct ScriptedSmtp {
    pub port: u16,
    received: Arc<Mutex<Vec<String>>>,
    connections: Arc<Mutex<usize>>,
}

impl ScriptedSmtp {
    pub async fn start(faults: Vec<SmtpFault>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(0));
        let smtp = Self { port, received: received.clone(), connections: connections.clone() };
        let faults = Arc::new(Mutex::new(faults.into_iter().rev().collect::<Vec<_>>()));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                *connections.lock().unwrap() += 1;
                let fault = faults.lock().unwrap().pop();
                let received = received.clone();
                tokio::spawn(async move {
                    let _ = converse(stream, fault, &received).await;
                });
            }
        });
        smtp
    }

    /// Every message accepted so far, as the raw text after `DATA`.
    pub fn messages(&self) -> Vec<String> {
        self.received.lock().unwrap().clone()
    }

    /// Connections opened so far, faulty ones included.
    pub fn connections(&self) -> usize {
        *self.connections.lock().unwrap()
    }

    /// Waits up to 20 s until `count` messages were accepted.
    pub async fn wait_for_messages(&self, count: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(Instant::now() < deadline, "fewer than {count} messages arrived by SMTP");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// One SMTP session (RFC 5321, the commands lettre sends), with `fault` if any.
async fn converse(
    stream: TcpStream,
    fault: Option<SmtpFault>,
    received: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    if fault == Some(SmtpFault::Hang) {
        // Hold the connection open, silent, until the client gives up.
        let _stream = stream;
        tokio::time::sleep(Duration::from_secs(3600)).await;
        return Ok(());
    }
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    write.write_all(b"220 scripted.test ESMTP\r\n").await?;
    let mut line = String::new();
    loop {
        line.clear();
        if read.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-scripted.test\r\n250 8BITMIME\r\n",
            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 OK\r\n",
            "QUIT" => {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            "DATA" => {
                write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let mut message = String::new();
                loop {
                    line.clear();
                    if read.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if fault == Some(SmtpFault::DropInData) {
                        // Hang up with the message half sent.
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    message.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                received.lock().unwrap().push(message);
                b"250 OK queued\r\n"
            }
            _ => b"502 Command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}
