// A SCIM server built on the scimmy + scimmy-routers packages (npm), with the
// smallest in-memory store they need: scimmy parses, validates, filters, pages
// and applies PATCH; this file only stores. Used as a third-party server that
// `scimctl simulate` is judged against (tests/third_party.rs).
//   PORT=18090 TOKEN=secret node scimmy-server.mjs
import express from "express"; // express 4: 5 breaks scimmy-routers' paging
import SCIMMY from "scimmy";
import SCIMMYRouters from "scimmy-routers";
import { randomUUID } from "node:crypto";

const port = Number(process.env.PORT || 0);
const token = process.env.TOKEN || "";
const stores = { User: new Map(), Group: new Map() };

function handlers(type, unique) {
  const store = stores[type];
  const clash = (id, data) => {
    const key = String(data[unique] ?? "").toLowerCase();
    for (const [other, existing] of store) {
      if (other !== id && String(existing[unique] ?? "").toLowerCase() === key) return true;
    }
    return false;
  };
  return {
    ingress(resource, instance) {
      const data = JSON.parse(JSON.stringify(instance));
      if (clash(resource.id, data)) throw new SCIMMY.Types.Error(409, "uniqueness", `${unique} is already in use`);
      const now = new Date().toISOString();
      if (resource.id) {
        const before = store.get(resource.id);
        if (!before) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        const after = { ...data, id: resource.id, meta: { ...before.meta, lastModified: now } };
        store.set(resource.id, after);
        return after;
      }
      const id = randomUUID();
      const created = { ...data, id, meta: { created: now, lastModified: now } };
      store.set(id, created);
      return created;
    },
    egress(resource) {
      if (resource.id) {
        const found = store.get(resource.id);
        if (!found) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
        return found;
      }
      const all = [...store.values()];
      return resource.filter ? resource.filter.match(all) : all;
    },
    degress(resource) {
      if (!store.delete(resource.id)) throw new SCIMMY.Types.Error(404, null, `Resource ${resource.id} not found`);
    },
  };
}

for (const [res, unique, type] of [
  [SCIMMY.Resources.User, "userName", "User"],
  [SCIMMY.Resources.Group, "displayName", "Group"],
]) {
  const h = handlers(type, unique);
  SCIMMY.Resources.declare(res).ingress(h.ingress).egress(h.egress).degress(h.degress);
}

const app = express();
app.use(
  "/scim/v2",
  new SCIMMYRouters({
    type: "bearer",
    docUri: "https://example.test/auth",
    baseUri: () => null,
    handler: (req) => {
      const auth = req.header("Authorization") || "";
      if (!auth.startsWith("Bearer ") || (token && auth.slice(7) !== token)) throw new Error("Authorization not detected!");
      return "admin";
    },
  }),
);
const server = app.listen(port, "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/scim/v2`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
