# Lines up the events of each request of a JFR recording (JfrTrace.java output) and prints the median steps.
import sys, statistics
from collections import defaultdict
path = sys.argv[1]; since = int(float(sys.argv[2]) * 1e9)
rows = [l.rstrip('\n').split('\t') for l in open(path)]
rows = [r for r in rows if int(r[1]) >= since]
rows.sort(key=lambda r: int(r[1]))
mongo_port = None
for r in rows:
    if r[0] == 'SocketRead' and 'MongoCluster' in r[5]:
        mongo_port = r[4].split(' ')[0]; break
LABELS = [('insertOne', 'raw_webhooks insertOne'), ('executeUpdate', 'raw_webhooks updateOne (outcome)'),
          ('getAll', 'messages find _id $in'), ('incrementAndGet', 'conversations findOneAndUpdate ($inc message_seq)'),
          ('updateAndGet', 'conversations findOneAndUpdate ($inc message_seq, logged)'),
          ('reserveHistory', 'conversations bulkWrite ($inc message_seq, logged) + find'),
          ('updateByKeys', 'conversation_pages bulkWrite ($push)'), ('writeVersioned', 'messages bulkWrite (insert/replace by rev)'),
          ('Companion', 'raw_webhooks insert (companion, same batch)'),
          ('insertMany', 'insertMany'), ('executeBulkWrite', 'bulkWrite (other)'), ('MongoIterableImpl', 'find (other)')]
def label(r):
    t, th, ex, fr = r[0], r[3], r[4], r[5]
    if t.startswith('Socket') and ex.split(' ')[0] == mongo_port:
        for key, name in LABELS:
            if key in fr: return name
        return 'mongo round trip (other)'
    if t == 'SocketRead' and 'exec' in th and ex.split(' ')[0] != mongo_port and int(ex.split(' r')[1]) > 300:
        return 'HTTP request read'
    if t == 'SocketWrite' and 'exec' in th and ex.split(' ')[0] != mongo_port:
        return 'HTTP response write'
    if t == 'FileWrite' and 'mv.db' in ex: return 'H2 chunk write'
    if t == 'FileForce': return 'fsync (FileChannel.force)'
    if t == 'ThreadPark' and 'GroupCommit.join' in fr: return 'request thread waits (group commit)'
    if t == 'ThreadPark' and 'GroupSync' in fr: return 'waits for a flush in progress'
    if t == 'JavaMonitorWait' and 'GroupSync' in fr: return 'waits for a flush in progress'
    if t == 'ThreadPark' and 'MVStore.storeNow' in fr: return 'H2 commit: serialise pages (other thread)'
    return None
starts = [i for i, r in enumerate(rows) if label(r) == 'HTTP request read']
reqs = []
for n, i in enumerate(starts):
    th = rows[i][3]; t0 = int(rows[i][1])
    end = None; steps = []
    j = i
    # the response: last HTTP response write on the same thread before its next request read
    nxt = starts[n + 1] if n + 1 < len(starts) else len(rows)
    for k in range(i, len(rows)):
        if int(rows[k][1]) > t0 + 200_000_000: break
        r = rows[k]
        lab = label(r)
        if lab is None: continue
        if lab == 'HTTP request read' and k != i: break
        if r[0].startswith('Socket') and 'mongo-server' in r[3]: continue
        steps.append((int(r[1]) - t0, int(r[2]), lab, r[3]))
        if lab == 'HTTP response write' and r[3] == th and int(r[4].split(' w')[1]) < 20:
            end = int(r[1]) + int(r[2]) - t0; break
    if end is None: continue
    # merge consecutive socket events of one op on one thread
    merged = []
    for s in steps:
        if merged and merged[-1][2] == s[2] and merged[-1][3] == s[3] and ('round' in s[2] or any(s[2] == name for _, name in LABELS) or s[2].startswith('HTTP response')):
            a = merged[-1]; merged[-1] = (a[0], s[0] + s[1] - a[0], a[2], a[3])
        else:
            merged.append(s)
    kind = 'new' if any('conversations' in m[2] for m in merged) else ('read' if any('find _id' in m[2] for m in merged) else 'known')
    reqs.append((kind, end, merged))
for kind in ('new', 'read', 'known'):
    group = [r for r in reqs if r[0] == kind]
    if not group: continue
    print("=== %s message: %d deliveries, median total %.0f us" % (kind, len(group), statistics.median(r[1] for r in group) / 1000))
    # sequence of labels of the median request
    seqs = defaultdict(list)
    for _, end, merged in group:
        seqs[tuple(m[2] for m in merged)].append((end, merged))
    common = max(seqs.values(), key=len)
    print("   most common sequence: %d of %d" % (len(common), len(group)))
    steps = len(common[0][1])
    for idx in range(steps):
        starts_ = [c[1][idx][0] for c in common]; durs = [c[1][idx][1] for c in common]
        print("%8.0f %8.0f  %-50s %s" % (statistics.median(starts_) / 1000, statistics.median(durs) / 1000, common[0][1][idx][2], common[0][1][idx][3][:28]))
    print("%8.0f           end (response sent)" % (statistics.median(c[0] for c in common) / 1000))
