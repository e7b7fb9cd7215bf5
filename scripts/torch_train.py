#!/usr/bin/env python3
"""A PyTorch control for adder4j's trainer: the same architecture and recipe, trained by torch.

Used to tell a recipe that does not converge from a trainer that is wrong: when this script reaches the published
accuracy and adder4j's trainer does not, the difference is ours to find. Not part of the build; needs python3-torch.

Usage:  python3 scripts/torch_train.py p777 SEED STEPS OUT.jsonl [lr] [torch|flax]
Writes one JSON line per 500 steps (step, loss, val exact on 2,000 held-out uniform pairs) and the final AdderBoard score.
"""
import json, math, random, sys, time
import torch, torch.nn as nn, torch.nn.functional as F

torch.set_num_threads(int(__import__("os").environ.get("THREADS", "1")))


class Classic(nn.Module):
    """d=7, FFN 14, 1 layer, learned positions 35x7, LayerNorm x3, tied embeddings, no biases (777 parameters)."""

    def __init__(self, d=7, ff=14, vocab=14, ctx=35):
        super().__init__()
        self.d = d
        self.tok = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(ctx, d)
        self.n1, self.n2, self.nf = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d, bias=False)
        self.proj = nn.Linear(d, d, bias=False)
        self.up = nn.Linear(d, ff, bias=False)
        self.down = nn.Linear(ff, d, bias=False)
        self.register_buffer("causal", torch.triu(torch.full((ctx, ctx), float("-inf")), 1))

    def forward(self, x):
        T = x.shape[1]
        h = self.tok(x) + self.pos.weight[:T]
        q, k, v = self.qkv(self.n1(h)).chunk(3, -1)
        att = (q @ k.transpose(-1, -2) / math.sqrt(self.d) + self.causal[:T, :T]).softmax(-1)
        h = h + self.proj(att @ v)
        h = h + self.down(F.gelu(self.up(self.n2(h))))
        return self.nf(h) @ self.tok.weight.T


@torch.no_grad()
def flax_init(model):
    """Flax's defaults: nn.Embed ~ N(0, 1/d); nn.Dense ~ truncated normal with variance 1/fan_in; LayerNorm 1 and 0."""
    for emb in (model.tok, model.pos):
        emb.weight.normal_(0, emb.weight.shape[1] ** -0.5)
    for lin in (model.qkv, model.proj, model.up, model.down):
        fan_in = lin.weight.shape[1]
        torch.nn.init.trunc_normal_(lin.weight, 0, 1, -2, 2)
        lin.weight.mul_(fan_in ** -0.5 / 0.87962566103423978)


def digits_msb(n, k):
    return torch.stack([(n // 10 ** j) % 10 for j in range(k - 1, -1, -1)], 1)


def digits_lsb(n, k):
    return torch.stack([(n // 10 ** j) % 10 for j in range(k)], 1)


def rows(a, b):
    B = len(a)
    seq = torch.cat([digits_msb(a, 10), torch.full((B, 1), 10), digits_msb(b, 10), torch.full((B, 1), 11),
                     digits_lsb(a + b, 11), torch.full((B, 1), 13)], 1)  # (B, 34)
    return seq[:, :33], seq[:, 22:34]


def max_digits(step):
    return 3 if step < 2000 else 6 if step < 7000 else 10


def sample(g, step, batch):
    n = torch.randint(1, max_digits(step) + 1, (batch,), generator=g)
    bound = 10 ** n
    a = (torch.rand(batch, generator=g, dtype=torch.float64) * bound).long()
    b = (torch.rand(batch, generator=g, dtype=torch.float64) * bound).long()
    return a, b


@torch.no_grad()
def exact(model, a, b):
    B = len(a)
    seq = torch.cat([digits_msb(a, 10), torch.full((B, 1), 10), digits_msb(b, 10), torch.full((B, 1), 11)], 1)
    out = []
    for _ in range(11):
        nxt = model(seq)[:, -1].argmax(-1)
        out.append(nxt)
        seq = torch.cat([seq, nxt[:, None]], 1)
    got = sum(torch.stack(out, 1)[:, j].clamp(max=9) * 10 ** j for j in range(11))
    return (got == a + b).float().mean().item()


def adderboard():
    edge = [(0, 0), (0, 1), (9999999999, 0), (9999999999, 1), (9999999999, 9999999999), (5000000000, 5000000000),
            (1111111111, 8888888889), (1234567890, 9876543210), (9999999999, 9999999999), (1, 9999999999)]
    r = random.Random(2025)
    return edge + [(r.randint(0, 9999999999), r.randint(0, 9999999999)) for _ in range(10000)]


def main():
    name, seed, steps, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    lr = float(sys.argv[5]) if len(sys.argv) > 5 else 0.02
    init = sys.argv[6] if len(sys.argv) > 6 else "torch"
    assert name == "p777"
    torch.manual_seed(seed)
    model = Classic()
    if init == "flax":
        flax_init(model)
    print("params", sum(p.numel() for p in model.parameters()))
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warm, floor = 1350, 0.1
    sched = lambda s: (s + 1) / warm if s < warm else floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * (s - warm) / max(1, steps - warm)))
    g = torch.Generator().manual_seed(seed + 1000)
    vg = random.Random(7)
    va = torch.tensor([vg.randint(0, 9999999999) for _ in range(2000)])
    vb = torch.tensor([vg.randint(0, 9999999999) for _ in range(2000)])
    t0 = time.time()
    acc = 0.0
    with open(out, "w") as f:
        for s in range(steps):
            for group in opt.param_groups:
                group["lr"] = lr * sched(s)
            a, b = sample(g, s, 512)
            x, y = rows(a, b)
            logits = model(x)[:, 21:33]
            loss = F.cross_entropy(logits.reshape(-1, 14), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            gn = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            acc += loss.item()
            if (s + 1) % 500 == 0:
                model.eval()
                line = dict(step=s + 1, loss=acc / 500, gradNorm=gn.item(), valExact=exact(model, va, vb), wall=round(time.time() - t0, 1))
                model.train()
                acc = 0.0
                f.write(json.dumps(line) + "\n")
                f.flush()
        cases = adderboard()
        a = torch.tensor([c[0] for c in cases]); b = torch.tensor([c[1] for c in cases])
        ab = exact(model, a, b)
        f.write(json.dumps(dict(adderboard=round(ab * len(cases)))) + "\n")


if __name__ == "__main__":
    main()
