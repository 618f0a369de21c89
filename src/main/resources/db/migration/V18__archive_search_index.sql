-- Archive search (docs/benchmarks.md, scripts/archive-benchmark): a keyword search joins the blind index's tokens,
-- whose owner id is the conversation id as text, to conversations. Indexed by that text, a rare word goes from its
-- few tokens straight to their conversations instead of scanning them all; a common word still walks
-- conversations_closed_ix newest first and probes the token table's primary key.
CREATE INDEX conversations_id_text_ix ON conversations ((id::text));

-- Whether to walk conversations newest first and probe each for the word, or to start from the word's tokens,
-- depends on how common the word is: a finer statistics target on the token column (1,000 most common tokens
-- instead of 100) lets the planner tell a common word from a rare one.
ALTER TABLE crypto_token ALTER COLUMN token SET STATISTICS 1000;
