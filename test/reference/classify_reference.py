# Reference class breaks for test/classify.test.ts, computed independently of the TypeScript
# code with numpy (mapclassify is not installable offline; these follow its definitions):
#   quantiles  mapclassify.Quantiles: np.percentile at 100*i/k (linear interpolation)
#   q6         np.percentile at 5, 25, 50, 75, 95
#   equal      mapclassify.EqualInterval: min + i*(max-min)/k
#   stddev     mapclassify.StdMean: mean + m*std (numpy std, ddof=0), m in (-2,-1,1,2)
#   fisher     exact optimal partition by plain O(k n^2) dynamic programming (Fisher 1958), the
#              partition mapclassify.FisherJenks finds; edges = first value of each class
#   gvf        1 - SDCM/SDAM over left-closed classes
# Run: /usr/bin/python3 test/reference/classify_reference.py
import json
import numpy as np

x = np.sort(np.array(json.load(open("test/fixtures/render/income_values.json")), dtype=float))
n = len(x)

def gvf(edges):
    idx = np.searchsorted(np.array(edges[1:-1]), x, side="right")
    sdam = ((x - x.mean()) ** 2).sum()
    sdcm = sum(((x[idx == c] - x[idx == c].mean()) ** 2).sum() for c in range(len(edges) - 1) if (idx == c).any())
    return 1 - sdcm / sdam

def fisher(k):
    c1 = np.concatenate([[0], np.cumsum(x)])
    c2 = np.concatenate([[0], np.cumsum(x * x)])
    def ssq(i, j):  # sorted x[i..j] inclusive, vectorised over i
        cnt = j - i + 1
        s = c1[j + 1] - c1[i]
        return c2[j + 1] - c2[i] - s * s / cnt
    D = np.array([ssq(0, j) for j in range(n)])
    B = [np.zeros(n, dtype=int)]
    for m in range(1, k):
        Dn = np.full(n, np.inf)
        Bn = np.zeros(n, dtype=int)
        for j in range(m, n):
            i = np.arange(m, j + 1)
            cost = D[i - 1] + ssq(i, j)
            a = int(np.argmin(cost))
            Dn[j] = cost[a]
            Bn[j] = i[a]
        D = Dn
        B.append(Bn)
    starts = []
    j = n - 1
    for m in range(k - 1, 0, -1):
        i = B[m][j]
        starts.insert(0, x[i])
        j = i - 1
    return [x[0], *starts, x[-1]]

out = {}
for k in (5, 6, 7):
    out[f"quantiles{k}"] = [x[0], *[np.percentile(x, 100 * i / k) for i in range(1, k)], x[-1]]
    out[f"equal{k}"] = [x[0], *[x[0] + i * (x[-1] - x[0]) / k for i in range(1, k)], x[-1]]
    out[f"fisher{k}"] = fisher(k)
out["q6"] = [x[0], *[np.percentile(x, p) for p in (5, 25, 50, 75, 95)], x[-1]]
m, s = x.mean(), x.std()
out["stddev"] = [x[0], *[m + q * s for q in (-2, -1, 1, 2) if x[0] < m + q * s < x[-1]], x[-1]]
res = {key: {"edges": [round(float(e), 6) for e in v], "gvf": round(float(gvf(v)), 8)} for key, v in out.items()}
print(json.dumps(res, indent=1))
