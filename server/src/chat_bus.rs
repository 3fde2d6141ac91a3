//! The chat's signals across several instances: on PostgreSQL, each signal a flow publishes on one
//! instance wakes the browsers' streams on every instance, through `LISTEN`/`NOTIFY`. The app's flows only
//! see [`ChatBus`]; on SQLite (one instance) the in-process [`LocalBus`] is the whole bus.

use app::chat::ssr::{ChatBus, ChatSignal, LocalBus};
use sqlx::postgres::{PgListener, PgPool};
use tokio::sync::broadcast;

/// The PostgreSQL channel the instances share.
const CHANNEL: &str = "portail311_chat";

pub struct PostgresBus {
    /// This instance's subscribers, woken at once by its own signals and by the others' from `CHANNEL`.
    local: LocalBus,
    pool: PgPool,
    /// Told apart from the other instances' signals, which this one's own also come back as.
    instance: String,
}

impl PostgresBus {
    /// Listens on the database at `url` and relays what the other instances publish, until the runtime
    /// stops. A lost connection is made again by sqlx; signals sent meanwhile are lost, which costs only
    /// a wake-up: every stream also reads the store on its own every few seconds.
    pub async fn start(url: &str) -> anyhow::Result<std::sync::Arc<PostgresBus>> {
        let pool = sqlx::postgres::PgPoolOptions::new().max_connections(2).connect(url).await?;
        let mut listener = PgListener::connect_with(&pool).await?;
        listener.listen(CHANNEL).await?;
        let instance = app::accounts::ssr::tokens::new_token();
        let bus = std::sync::Arc::new(PostgresBus { local: LocalBus::default(), pool, instance });
        let relay = bus.clone();
        tokio::spawn(async move {
            loop {
                match listener.recv().await {
                    Ok(notification) => {
                        if let Some(signal) = relay.decode(notification.payload()) {
                            relay.local.publish(signal);
                        }
                    }
                    Err(error) => {
                        tracing::warn!(error = format!("{error:#}"), "chat signals from other instances");
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    }
                }
            }
        });
        Ok(bus)
    }

    fn encode(&self, signal: ChatSignal) -> String {
        match signal {
            ChatSignal::Conversation(id) => format!("{} c {id}", self.instance),
            ChatSignal::Desk => format!("{} d", self.instance),
        }
    }

    /// Another instance's signal; `None` for this instance's own (already delivered) and for noise.
    fn decode(&self, payload: &str) -> Option<ChatSignal> {
        let mut parts = payload.split(' ');
        let from = parts.next()?;
        if from == self.instance {
            return None;
        }
        match (parts.next()?, parts.next()) {
            ("c", Some(id)) => Some(ChatSignal::Conversation(id.parse().ok()?)),
            ("d", None) => Some(ChatSignal::Desk),
            _ => None,
        }
    }
}

impl ChatBus for PostgresBus {
    fn publish(&self, signal: ChatSignal) {
        self.local.publish(signal);
        let (pool, payload) = (self.pool.clone(), self.encode(signal));
        tokio::spawn(async move {
            let sent = sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(&payload).execute(&pool).await;
            if let Err(error) = sent {
                tracing::warn!(error = format!("{error:#}"), "a chat signal for the other instances");
            }
        });
    }

    fn subscribe(&self) -> broadcast::Receiver<ChatSignal> {
        self.local.subscribe()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn signals_cross_instances_and_an_instances_own_come_back_as_nothing() {
        let pool = sqlx::postgres::PgPoolOptions::new().connect_lazy("postgres://nowhere.invalid/x").unwrap();
        let (here, there) = (
            PostgresBus { local: LocalBus::default(), pool: pool.clone(), instance: "a".into() },
            PostgresBus { local: LocalBus::default(), pool, instance: "b".into() },
        );
        for signal in [ChatSignal::Conversation(42), ChatSignal::Desk] {
            assert_eq!(there.decode(&here.encode(signal)), Some(signal));
            assert_eq!(here.decode(&here.encode(signal)), None);
        }
        assert_eq!(there.decode("a c x"), None);
        assert_eq!(there.decode("a q"), None);
    }
}
