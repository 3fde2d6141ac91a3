-- Issue #15: the SMS webhook remembers each message it handled (the provider's MessageSid), so a signed
-- request captured and sent again (an old "OUI" after the resident's "ARRET") changes nothing.
CREATE TABLE sms_inbound (
    message_sid TEXT PRIMARY KEY NOT NULL,
    received_at INTEGER NOT NULL
) STRICT;
