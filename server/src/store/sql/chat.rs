//! Live chat: conversations, messages, the agents' desk, ratings. Every write that depends on a
//! conversation's state checks it in the same statement, so a chat that ends meanwhile takes nothing.

use crate::store::Store;
use anyhow::Context;
use app::accounts::ssr::AccountId;
use app::chat::model::{Author, ChatState};
use app::chat::ssr::{AgentLoad, Change, ChatStore, Conversation, NewConversation, StoredMessage, Writer};
use app::i18n::Lang;

const CONVERSATION_COLUMNS: &str = "c.id, c.account_id, c.name, c.email, c.lang, c.state, c.agent_id, c.created_at, \
     c.queued_at, CASE WHEN EXISTS (SELECT 1 FROM chat_ratings r WHERE r.conversation_id = c.id) THEN 1 ELSE 0 END AS rated";

#[derive(sqlx::FromRow)]
struct ConversationRow {
    id: i64,
    account_id: Option<i64>,
    name: String,
    email: Option<String>,
    lang: String,
    state: String,
    agent_id: Option<i64>,
    created_at: i64,
    queued_at: i64,
    rated: i64,
}

impl TryFrom<ConversationRow> for Conversation {
    type Error = anyhow::Error;

    fn try_from(row: ConversationRow) -> anyhow::Result<Conversation> {
        Ok(Conversation {
            id: row.id,
            account_id: row.account_id.map(AccountId),
            name: row.name,
            email: row.email,
            lang: Lang::from_tag(&row.lang).context("chat language")?,
            state: ChatState::parse(&row.state).context("chat state")?,
            agent_id: row.agent_id.map(AccountId),
            created_at: row.created_at,
            queued_at: row.queued_at,
            rated: row.rated != 0,
        })
    }
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: i64,
    conversation_id: i64,
    author: String,
    agent_name: Option<String>,
    body: String,
    created_at: i64,
}

impl Store {
    async fn conversations(&self, condition: &str, bind: Option<i64>) -> anyhow::Result<Vec<Conversation>> {
        let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM chat_conversations c WHERE {condition}");
        let query = sqlx::query_as::<_, ConversationRow>(&sql);
        let query = match bind {
            Some(value) => query.bind(value),
            None => query,
        };
        query.fetch_all(&self.pool).await?.into_iter().map(Conversation::try_from).collect()
    }
}

const LIVE: &str = "('waiting', 'active', 'transferred')";

#[async_trait::async_trait]
impl ChatStore for Store {
    async fn open(&self, new: &NewConversation) -> anyhow::Result<i64> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO chat_conversations (token_hash, account_id, name, email, lang, state, created_at, queued_at) \
             VALUES ($1, $2, $3, $4, $5, 'waiting', $6, $7) RETURNING id",
        )
        .bind(&new.token_hash)
        .bind(new.account_id.map(|id| id.0))
        .bind(&new.name)
        .bind(&new.email)
        .bind(new.lang.code())
        .bind(new.at)
        .bind(new.at)
        .fetch_one(&mut *tx)
        .await?;
        if let Some(first) = &new.first_message {
            sqlx::query(
                "INSERT INTO chat_messages (conversation_id, author, body, created_at) VALUES ($1, 'resident', $2, $3)",
            )
            .bind(id)
            .bind(first)
            .bind(new.at)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    async fn conversation(&self, id: i64) -> anyhow::Result<Option<Conversation>> {
        Ok(self.conversations("c.id = $1", Some(id)).await?.pop())
    }

    async fn conversation_by_token(&self, token_hash: &[u8]) -> anyhow::Result<Option<Conversation>> {
        let sql = format!("SELECT {CONVERSATION_COLUMNS} FROM chat_conversations c WHERE c.token_hash = $1");
        let row = sqlx::query_as::<_, ConversationRow>(&sql).bind(token_hash).fetch_optional(&self.pool).await?;
        row.map(Conversation::try_from).transpose()
    }

    async fn messages(&self, id: i64, after: i64, notes: bool) -> anyhow::Result<Vec<StoredMessage>> {
        let rows = sqlx::query_as::<_, MessageRow>(
            "SELECT m.id, m.conversation_id, m.author, a.name AS agent_name, m.body, m.created_at FROM chat_messages m \
             LEFT JOIN accounts a ON a.id = m.agent_id \
             WHERE m.conversation_id = $1 AND m.id > $2 AND ($3 OR m.author != 'note') ORDER BY m.id",
        )
        .bind(id)
        .bind(after)
        .bind(notes)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|row| {
                Ok(StoredMessage {
                    id: row.id,
                    conversation_id: row.conversation_id,
                    author: Author::parse(&row.author).context("chat message author")?,
                    agent_name: row.agent_name,
                    body: row.body,
                    created_at: row.created_at,
                })
            })
            .collect()
    }

    async fn add_message(&self, id: i64, writer: Writer, body: &str, at: i64) -> anyhow::Result<Option<i64>> {
        let (author, agent, condition) = match writer {
            Writer::Resident => ("resident", None, format!("state IN {LIVE}")),
            Writer::Agent(agent) => ("agent", Some(agent.0), "state = 'active' AND agent_id = $6".to_string()),
        };
        let sql = format!(
            "INSERT INTO chat_messages (conversation_id, author, agent_id, body, created_at) \
             SELECT id, $1, $2, $3, $4 FROM chat_conversations WHERE id = $5 AND {condition} RETURNING id"
        );
        let query = sqlx::query_scalar::<_, i64>(&sql).bind(author).bind(agent).bind(body).bind(at).bind(id);
        let query = match agent {
            Some(agent) => query.bind(agent),
            None => query,
        };
        Ok(query.fetch_optional(&self.pool).await?)
    }

    async fn change(&self, change: &Change) -> anyhow::Result<bool> {
        let mut tx = self.begin_write().await?;
        let queued = change.to.is_queued();
        let over = !change.to.is_live();
        let moved = sqlx::query(
            "UPDATE chat_conversations SET state = $1, agent_id = $2, \
             queued_at = CASE WHEN $3 THEN $4 ELSE queued_at END, \
             answered_at = CASE WHEN $5 = 'active' THEN COALESCE(answered_at, $6) ELSE answered_at END, \
             ended_at = CASE WHEN $7 THEN $8 ELSE NULL END \
             WHERE id = $9 AND state = $10 AND agent_id IS NOT DISTINCT FROM $11",
        )
        .bind(change.to.code())
        .bind(change.agent.map(|a| a.0))
        .bind(queued)
        .bind(change.at)
        .bind(change.to.code())
        .bind(change.at)
        .bind(over)
        .bind(change.at)
        .bind(change.id)
        .bind(change.from.code())
        .bind(change.from_agent.map(|a| a.0))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Ok(false);
        }
        let insert =
            "INSERT INTO chat_messages (conversation_id, author, agent_id, body, created_at) VALUES ($1, $2, $3, $4, $5)";
        if let Some((agent, note)) = &change.note {
            sqlx::query(insert)
                .bind(change.id)
                .bind("note")
                .bind(agent.0)
                .bind(note)
                .bind(change.at)
                .execute(&mut *tx)
                .await?;
        }
        let by = change.agent.or(change.from_agent).map(|a| a.0);
        sqlx::query(insert)
            .bind(change.id)
            .bind("system")
            .bind(by)
            .bind(change.event.code())
            .bind(change.at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn queued(&self) -> anyhow::Result<Vec<Conversation>> {
        self.conversations("c.state IN ('waiting', 'transferred') ORDER BY c.queued_at, c.id", None).await
    }

    async fn waits_since(&self, since: i64) -> anyhow::Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT answered_at - created_at FROM chat_conversations WHERE answered_at >= $1 \
             ORDER BY answered_at DESC LIMIT 200",
        )
        .bind(since)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn agents(&self) -> anyhow::Result<Vec<AgentLoad>> {
        let rows: Vec<(i64, Option<String>, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT g.account_id, a.name, g.available, g.seen_at, g.max_chats, \
             (SELECT COUNT(*) FROM chat_conversations c WHERE c.agent_id = g.account_id AND c.state = 'active') \
             FROM chat_agents g JOIN accounts a ON a.id = g.account_id WHERE a.closed_at IS NULL AND a.role != 'resident'",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, available, seen_at, max_chats, active)| AgentLoad {
                account_id: AccountId(id),
                name: name.unwrap_or_default(),
                available: available != 0,
                seen_at,
                max_chats: max_chats as u32,
                active: active as u32,
            })
            .collect())
    }

    async fn set_available(&self, agent: AccountId, available: bool, max_chats: u32, at: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO chat_agents (account_id, available, max_chats, seen_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (account_id) DO UPDATE SET available = excluded.available, seen_at = excluded.seen_at",
        )
        .bind(agent.0)
        .bind(i64::from(available))
        .bind(i64::from(max_chats))
        .bind(at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn seen(&self, agent: AccountId, at: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE chat_agents SET seen_at = $1 WHERE account_id = $2")
            .bind(at)
            .bind(agent.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn agent_chats(&self, agent: AccountId) -> anyhow::Result<Vec<Conversation>> {
        self.conversations("c.agent_id = $1 AND c.state = 'active' ORDER BY c.id", Some(agent.0)).await
    }

    async fn rate(&self, id: i64, rating: u8, comment: &str, at: i64) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "INSERT INTO chat_ratings (conversation_id, rating, comment, created_at) \
             SELECT id, $1, $2, $3 FROM chat_conversations WHERE id = $4 AND state IN ('closed', 'missed') \
             ON CONFLICT (conversation_id) DO NOTHING",
        )
        .bind(i64::from(rating))
        .bind(comment)
        .bind(at)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn account_chats(&self, account: AccountId, limit: u32) -> anyhow::Result<Vec<Conversation>> {
        let condition = format!("c.account_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT {limit}");
        self.conversations(&condition, Some(account.0)).await
    }

    async fn missed(&self) -> anyhow::Result<Vec<Conversation>> {
        self.conversations("c.state = 'missed' AND c.followed_up_at IS NULL ORDER BY c.created_at, c.id", None).await
    }

    async fn followed_up(&self, id: i64, agent: AccountId, at: i64) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE chat_conversations SET followed_up_by = $1, followed_up_at = $2 \
             WHERE id = $3 AND state = 'missed' AND followed_up_at IS NULL",
        )
        .bind(agent.0)
        .bind(at)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn active_count(&self) -> anyhow::Result<u32> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM chat_conversations WHERE state = 'active'")
            .fetch_one(&self.pool)
            .await?;
        Ok(count as u32)
    }
}
