#!/bin/sh
# Initiates the three-member replica set once all members answer (idempotent: an initiated set is left alone).
set -eu
until mongosh --quiet --host mongo1 -u "$MONGO_ROOT_USERNAME" -p "$MONGO_ROOT_PASSWORD" --authenticationDatabase admin \
    --eval 'db.adminCommand("ping").ok' >/dev/null 2>&1; do sleep 2; done
mongosh --quiet --host mongo1 -u "$MONGO_ROOT_USERNAME" -p "$MONGO_ROOT_PASSWORD" --authenticationDatabase admin --eval '
try { rs.status(); print("replica set already initiated"); }
catch (e) {
  rs.initiate({_id: "rs0", members: [
    {_id: 0, host: "mongo1:27017", priority: 2}, {_id: 1, host: "mongo2:27017"}, {_id: 2, host: "mongo3:27017"}]});
  print("replica set rs0 initiated");
}'
