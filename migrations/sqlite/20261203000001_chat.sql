-- Live chat: conversations, their messages, the agents' desk, and the rating asked at the end.

CREATE TABLE chat_conversations (
    id INTEGER PRIMARY KEY,
    -- The browser's chat cookie, hashed: it is what gives access to the conversation.
    token_hash BLOB NOT NULL UNIQUE,
    account_id INTEGER REFERENCES accounts(id),
    name TEXT NOT NULL,
    -- Typed by a signed-out resident, or the account's: for agents to follow up; never mailed by the portal.
    email TEXT,
    lang TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
    state TEXT NOT NULL CHECK (state IN ('waiting', 'active', 'transferred', 'closed', 'missed')),
    agent_id INTEGER REFERENCES accounts(id),
    created_at INTEGER NOT NULL,
    -- When it last joined the queue (created, or handed back): the queue's order.
    queued_at INTEGER NOT NULL,
    -- When an agent first took it: the waits the estimate is made of.
    answered_at INTEGER,
    ended_at INTEGER,
    followed_up_by INTEGER REFERENCES accounts(id),
    followed_up_at INTEGER
);
CREATE INDEX chat_conversations_state ON chat_conversations (state, queued_at);
CREATE INDEX chat_conversations_agent ON chat_conversations (agent_id, state);
CREATE INDEX chat_conversations_account ON chat_conversations (account_id, created_at);
CREATE INDEX chat_conversations_answered ON chat_conversations (answered_at);

-- Every message of every conversation: the id orders them and is what a reconnecting client resumes from.
CREATE TABLE chat_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES chat_conversations(id),
    author TEXT NOT NULL CHECK (author IN ('resident', 'agent', 'system', 'note')),
    agent_id INTEGER REFERENCES accounts(id),
    body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 8000),
    created_at INTEGER NOT NULL
);
CREATE INDEX chat_messages_conversation ON chat_messages (conversation_id, id);

-- The desk: who takes chats, how many at once, and when their console was last seen.
CREATE TABLE chat_agents (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
    available INTEGER NOT NULL CHECK (available IN (0, 1)),
    max_chats INTEGER NOT NULL CHECK (max_chats BETWEEN 1 AND 20),
    seen_at INTEGER NOT NULL
);

-- Asked once, when the conversation is over.
CREATE TABLE chat_ratings (
    conversation_id INTEGER PRIMARY KEY REFERENCES chat_conversations(id),
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
