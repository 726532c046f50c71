// Runs once, when the MongoDB volume is first initialised (docker-entrypoint-initdb.d): Parley's
// own user, with read/write and index/collection administration on its database only, so the
// application never connects as root. Credentials come from the environment (.env).
const user = process.env.MONGO_APP_USERNAME;
const password = process.env.MONGO_APP_PASSWORD;
const database = process.env.MONGO_APP_DATABASE || "parley";
if (!user || !password) {
  throw new Error("set MONGO_APP_USERNAME and MONGO_APP_PASSWORD in .env");
}
db.getSiblingDB("admin").createUser({
  user: user,
  pwd: password,
  roles: [{ role: "readWrite", db: database }, { role: "dbAdmin", db: database }],
});
