#!/bin/sh
# The example worker: makes a thumbnail of the image a message names. Watchbot runs it once
# per message with the message in the environment ($Message, $MessageId, $Subject …) and
# settles the message by the exit code: 0 done · 3 rejected · 4 no-op · anything else failed.
set -eu

# The message is {"key": "uploads/cat.jpg"}; a message without a key can never succeed.
key=$(printf '%s' "$Message" | sed -n 's/.*"key" *: *"\([^"]*\)".*/\1/p')
if [ -z "$key" ]; then
  echo "no key in message $MessageId: rejecting it" >&2
  exit 3
fi

# /scratch and /tmp are emptied after every job; the root filesystem is read-only.
aws s3 cp "s3://uploads-production/$key" "/scratch/original"
convert "/scratch/original" -thumbnail 256x256 "/scratch/thumbnail.jpg"
aws s3 cp "/scratch/thumbnail.jpg" "s3://$OUTPUT_BUCKET/$key"
echo "thumbnail written for $key"
