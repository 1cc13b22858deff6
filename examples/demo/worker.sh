#!/bin/sh
# An example Watchbot worker. Watchbot runs it once per message, with the message in the
# environment, and settles the message by its exit code:
#   0 done (deleted) · 3 rejected (deleted, with a notification)
#   4 no-op (returned, no notification) · anything else: failed (retried, then dead-lettered)
#
# $Message holds the body (for large bodies, read the file named by $MessageFile instead);
# $MessageId, $ApproximateReceiveCount, $SentTimestamp and $Subject describe it.

echo "attempt $ApproximateReceiveCount: $Message"

case "$Message" in
  "reject me")
    echo "this message can never succeed: rejecting it" >&2
    exit 3
    ;;
  "fail me")
    echo "something went wrong: failing (Watchbot will retry)" >&2
    exit 1
    ;;
  *)
    sleep 0.2 # pretend to work
    echo "done: $Message"
    exit 0
    ;;
esac
