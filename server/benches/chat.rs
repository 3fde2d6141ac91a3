//! Live chat under load: `cargo bench -p server --bench chat`.
//!
//! The release server runs on a fresh data folder with 200 conversations open at once: 200 residents
//! (each its own browser, its event stream open) and 10 agents with 20 chats each (their consoles' streams
//! open). Messages then go both ways, 20 at a time, and each is timed from the moment its POST leaves to
//! the moment the other side's stream delivers it. The server's resident memory is read before the streams
//! open and with all of them open: the difference per connection.

#[path = "../tests/authenticator/mod.rs"]
mod authenticator;
#[path = "support/release.rs"]
mod release;

use release::Release;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const AGENTS: usize = 10;
const CHATS_PER_AGENT: usize = 20;
const ROUNDS: usize = 4;
const AT_ONCE: usize = 20;

type Seen = Arc<Mutex<HashMap<String, Instant>>>;

fn main() {
    let folder = tempfile::tempdir().unwrap();
    let settings = [
        ("PORTAL_CITY__CHAT_HOURS", "mon-sun 00:00-24:00".to_string()),
        ("PORTAL_CITY__HOLIDAYS", "[]".to_string()),
        ("PORTAL_CHAT__MAX_CHATS", CHATS_PER_AGENT.to_string()),
    ];
    let portal = Release::new(folder.path().join("data"), &settings);
    let tokens: Vec<String> = (0..AGENTS)
        .map(|n| {
            let email = format!("agent{n}@example.ca");
            portal.create_account(&["create-staff", "--role", "agent", "--email", &email, "--name", "Agent Bench"])
        })
        .collect();
    let mut child = portal.start();
    let pid = child.id();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        portal.up().await;
        run(&portal.base, &tokens, pid).await
    });
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Arrivals noted by the agents' streams and by the residents' (a resident's own stream also shows what
/// they sent, so each direction is timed on the other side's streams).
struct Arrivals {
    at_agents: Seen,
    at_residents: Seen,
}

async fn run(base: &str, tokens: &[String], pid: u32) {
    let agents = sign_in(base, tokens).await;
    // After the agents' password hashing (argon2's memory stays with the process): what follows is the chat's.
    let memory_before = resident_memory(pid);
    let arrivals = Arrivals { at_agents: Default::default(), at_residents: Default::default() };
    let chats = open_chats(base, &agents, &arrivals).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let memory_open = resident_memory(pid);
    let connections = AGENTS + chats.len();
    let (mut to_resident, mut to_agent) = exchange(&chats, &arrivals).await;
    println!("{} open chats: {connections} event streams ({AGENTS} consoles, {} residents)", chats.len(), chats.len());
    for (label, latencies) in [("agent → resident", &mut to_resident), ("resident → agent", &mut to_agent)] {
        latencies.sort();
        let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
        println!(
            "{label}: {} messages, median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            latencies.len(),
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
    let per_connection = memory_open.saturating_sub(memory_before) / connections as u64;
    println!(
        "server memory: {memory_before} KiB before, {memory_open} KiB with the streams open: {per_connection} KiB per \
         connection (open chats included)"
    );
}

/// The agents choose their password and sign in.
async fn sign_in(base: &str, tokens: &[String]) -> Vec<Browser> {
    let mut agents = Vec::new();
    for (n, token) in tokens.iter().enumerate() {
        let agent = Browser::new(base);
        let password = "lampadaire vert du lac Ramsey";
        agent.call("accounts/set_password", &[("token", token), ("new_password", password)]).await;
        let email = format!("agent{n}@example.ca");
        agent.call("accounts/sign_in", &[("email", &email), ("password", password)]).await;
        let enrolment = agent.call("accounts/two_factor", &[]).await;
        let key = enrolment["Enrol"]["key"].as_str().expect("the authenticator's key");
        agent.call("accounts/two_factor/prove", &[("code", &authenticator::app_code(key, 0))]).await;
        agents.push(agent);
    }
    agents
}

/// Agents switch on, residents start chats, each agent takes twenty; every stream is followed. Returns,
/// per chat, its agent, its id and its resident.
async fn open_chats(base: &str, agents: &[Browser], arrivals: &Arrivals) -> Vec<(Browser, i64, Browser)> {
    let mut chats = Vec::new();
    for agent in agents {
        agent.call("staff/chat/available", &[("available", "true")]).await;
        agent.follow("/staff/chat/events", arrivals.at_agents.clone(), true);
        for _ in 0..CHATS_PER_AGENT {
            let resident = Browser::new(base);
            resident.call("chat/start", &[("name", "Marie Tremblay"), ("message", "Bonjour")]).await;
            let id = agent.call("staff/chat/take", &[]).await.as_i64().expect("a chat taken");
            resident.follow("/chat/events", arrivals.at_residents.clone(), false);
            chats.push((agent.clone(), id, resident));
        }
    }
    chats
}

/// Messages both ways, [`AT_ONCE`] at a time: each one's time from its POST to the other side's stream.
async fn exchange(chats: &[(Browser, i64, Browser)], arrivals: &Arrivals) -> (Vec<Duration>, Vec<Duration>) {
    let (mut to_resident, mut to_agent) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        for batch in chats.chunks(AT_ONCE) {
            let mut sends = tokio::task::JoinSet::new();
            for (agent, id, resident) in batch {
                let (agent, id, resident) = (agent.clone(), *id, resident.clone());
                let (at_agents, at_residents) = (arrivals.at_agents.clone(), arrivals.at_residents.clone());
                sends.spawn(async move {
                    let from_agent = round % 2 == 0;
                    let body =
                        format!("round {round} chat {id} from {}", if from_agent { "agent" } else { "resident" });
                    let sent = Instant::now();
                    match from_agent {
                        true => {
                            agent
                                .call("staff/chat/send", &[("conversation", &id.to_string()), ("message", &body)])
                                .await
                        }
                        false => resident.call("chat/send", &[("message", &body)]).await,
                    };
                    let other_side = if from_agent { &at_residents } else { &at_agents };
                    (from_agent, arrival(other_side, &body).await - sent)
                });
            }
            for (from_agent, latency) in sends.join_all().await {
                if from_agent { &mut to_resident } else { &mut to_agent }.push(latency);
            }
        }
    }
    (to_resident, to_agent)
}

/// When the message `body` reached the other side (waiting for it).
async fn arrival(received: &Seen, body: &str) -> Instant {
    for _ in 0..10_000 {
        if let Some(at) = received.lock().unwrap().get(body) {
            return *at;
        }
        tokio::time::sleep(Duration::from_micros(500)).await;
    }
    panic!("{body} never arrived");
}

/// The server's resident set size, in KiB.
fn resident_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|line| line.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// A browser: its own cookies.
#[derive(Clone)]
struct Browser {
    base: String,
    client: reqwest::Client,
}

impl Browser {
    fn new(base: &str) -> Browser {
        let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
        Browser { base: base.to_string(), client }
    }

    async fn call(&self, path: &str, form: &[(&str, &str)]) -> serde_json::Value {
        let response = self
            .client
            .post(format!("{}/api/{path}", self.base))
            .header("Origin", &self.base)
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
    }

    /// Reads the event stream at `path` in the background, noting when each message body first arrives.
    fn follow(&self, path: &str, received: Seen, desk: bool) {
        let request = self.client.get(format!("{}{path}", self.base));
        tokio::spawn(async move {
            let mut response = request.send().await.unwrap();
            let mut buffer = String::new();
            // The stream ends when the benchmark stops the server.
            while let Ok(Some(chunk)) = response.chunk().await {
                let now = Instant::now();
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let block: String = buffer.drain(..end + 2).collect();
                    let Some(data) = block.lines().find_map(|line| line.strip_prefix("data:")) else { continue };
                    let value: serde_json::Value = serde_json::from_str(data.trim_start()).unwrap();
                    let messages = value["messages"].as_array().cloned().unwrap_or_default();
                    let mut seen = received.lock().unwrap();
                    for message in messages {
                        let message = if desk { &message[1] } else { &message };
                        if let Some(body) = message["body"].as_str() {
                            seen.entry(body.to_string()).or_insert(now);
                        }
                    }
                }
            }
        });
    }
}
