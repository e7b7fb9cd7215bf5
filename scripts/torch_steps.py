#!/usr/bin/env python3
"""Writes the PyTorch side of adder4j's step-for-step check (TorchStepsTest): initial weights, the batches, the loss and
gradient norm of every step, and the weights after N AdamW steps (lr 0.02, wd 0.01, global-norm clip 1.0), for one
architecture, as JSON. Parameter names are adder4j's.

Usage:  python3 scripts/torch_steps.py p777|p57|p311 SEED STEPS BATCH OUT.json
Needs PyTorch (apt-get install python3-torch); the architectures are scripts/torch_train.py's (p777), this script's
(p311) and ../shared/bench/torch_reference.py's (p57). For p311 the script first checks its model against the published
weights (../shared/fixtures/published-311p.json): the same logits as the shared reference and every sum of a sample of
AdderBoard cases right, so that the fixture pins the published architecture, not only ours.
"""
import json, math, os, random, sys
import torch, torch.nn as nn, torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "bench"))
from torch_train import Classic, digits_msb, rows  # noqa: E402

torch.set_num_threads(1)
shared = os.path.join(here, "..", "..", "shared")


class LowRank(nn.Module):
    """The published 311p model: d=4, every matrix a rank-3 product y = x A B, learned positions A_p B_p (33x3, 3x4),
    weight-only RMSNorm (eps 1e-8) at three sites, shared-A tied-KV attention (g = h A, q = g Bq, k = v = g Bkv, scores
    / sqrt(4)), rank-3 attention output and FFN 4 -> 8 -> 4 with GELU, no biases, head tied to the token table."""

    def __init__(self, d=4, r=3, ff=8, vocab=14, ctx=33):
        super().__init__()
        self.d = d
        normal = lambda rows, cols, std: nn.Parameter(torch.randn(rows, cols) * std)
        factors = lambda i, o: (normal(i, r, math.sqrt(2 / (i + r))), normal(r, o, math.sqrt(2 / (r + o))))
        self.tok = normal(vocab, d, 0.02)
        self.pos_a, self.pos_b = normal(ctx, r, 0.02), normal(r, d, 0.02)
        self.qkv_a = normal(d, r, math.sqrt(2 / (d + r)))
        self.bq, self.bkv = normal(r, d, math.sqrt(2 / (d + r))), normal(r, d, math.sqrt(2 / (d + r)))
        self.o_a, self.o_b = factors(d, d)
        self.f1_a, self.f1_b = factors(d, ff)
        self.f2_a, self.f2_b = factors(ff, d)
        self.n1, self.n2, self.nf = (nn.Parameter(torch.ones(d)) for _ in range(3))
        self.register_buffer("causal", torch.triu(torch.full((ctx, ctx), float("-inf")), 1))

    @staticmethod
    def rms(x, w):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-8) * w

    def forward(self, x):
        x = x[:, -self.causal.shape[0]:]
        T = x.shape[1]
        h = self.tok[x] + (self.pos_a @ self.pos_b)[:T]
        g = self.rms(h, self.n1) @ self.qkv_a
        q, kv = g @ self.bq, g @ self.bkv
        att = (q @ kv.transpose(-1, -2) / math.sqrt(self.d) + self.causal[:T, :T]).softmax(-1)
        h = h + (att @ kv) @ self.o_a @ self.o_b
        h = h + F.gelu(self.rms(h, self.n2) @ self.f1_a @ self.f1_b) @ self.f2_a @ self.f2_b
        return self.rms(h, self.nf) @ self.tok.T


# adder4j's parameter (preset lowrank-311) -> LowRank's attribute -> the published tensor (PublishedWeights.lowrank311)
LOWRANK_NAMES = [("token.table", "tok", "token_emb.weight"), ("position.A", "pos_a", "pos_emb.A"),
                 ("position.B", "pos_b", "pos_emb.B"), ("layer0.norm1.weight", "n1", "blocks.0.ln1.weight"),
                 ("layer0.attention.shared.A", "qkv_a", "blocks.0.attn.qkv_A"),
                 ("layer0.attention.query.B", "bq", "blocks.0.attn.qkv_Bq"),
                 ("layer0.attention.key.B", "bkv", "blocks.0.attn.qkv_Bkv"),
                 ("layer0.attention.out.A", "o_a", "blocks.0.attn.proj.A"),
                 ("layer0.attention.out.B", "o_b", "blocks.0.attn.proj.B"),
                 ("layer0.norm2.weight", "n2", "blocks.0.ln2.weight"), ("layer0.ffn.in.A", "f1_a", "blocks.0.mlp.fc1.A"),
                 ("layer0.ffn.in.B", "f1_b", "blocks.0.mlp.fc1.B"), ("layer0.ffn.out.A", "f2_a", "blocks.0.mlp.fc2.A"),
                 ("layer0.ffn.out.B", "f2_b", "blocks.0.mlp.fc2.B"), ("final.norm.weight", "nf", "ln_f.weight")]


def lowrank_tensors(m):
    return {ours: getattr(m, attr) for ours, attr, _ in LOWRANK_NAMES}


@torch.no_grad()
def check_lowrank_published(cases=300):
    """LowRank with the published 311p weights: the shared reference's logits, and the right sum for the AdderBoard's edge
    cases and a sample of its random ones (greedy decoding, the sum read LSB first)."""
    js = json.load(open(os.path.join(shared, "fixtures", "published-311p.json")))["tensors"]
    t = {k: torch.tensor(v["values"], dtype=torch.float32).reshape(v["shape"]) for k, v in js.items()}
    assert torch.equal(t["lm_head.weight"], t["token_emb.weight"]), "published head is tied to the token table"
    m = LowRank()
    for _, attr, theirs in LOWRANK_NAMES:
        getattr(m, attr).copy_(t[theirs])
    assert len(LOWRANK_NAMES) + 1 == len(t) and sum(p.numel() for p in m.parameters()) == 311
    from torch_reference import P311
    ref = P311()
    ref.load_fixture(os.path.join(shared, "fixtures", "published-311p.json"))
    r = random.Random(2025)
    pairs = [(0, 0), (9999999999, 1), (9999999999, 9999999999), (5000000000, 5000000000), (1111111111, 8888888889),
             (1234567890, 9876543210), (1, 9999999999)] + [(r.randint(0, 9999999999), r.randint(0, 9999999999))
                                                            for _ in range(cases)]
    a = torch.tensor([p[0] for p in pairs]); b = torch.tensor([p[1] for p in pairs])
    x, _ = rows(a, b)
    gap = (m(x) - ref(x)).abs().max().item()
    assert gap < 1e-5, f"LowRank and the shared P311 differ by {gap} on the published weights"
    B = len(a)
    seq = torch.cat([digits_msb(a, 10), torch.full((B, 1), 10), digits_msb(b, 10), torch.full((B, 1), 11)], 1)
    for _ in range(11):
        seq = torch.cat([seq, m(seq)[:, -1].argmax(-1)[:, None]], 1)
    got = sum(seq[:, 22 + j].clamp(max=9) * 10 ** j for j in range(11))
    right = int((got == a + b).sum())
    assert right == B, f"LowRank with the published 311p weights gets {right}/{B} sums right"
    print(f"p311: published weights give the shared reference's logits (max gap {gap:.2e}) and {right}/{B} sums",
          file=sys.stderr)


def classic_tensors(m):
    q, k, v = m.qkv.weight.chunk(3, 0)
    return {"token.table": m.tok.weight, "position.table": m.pos.weight,
            "layer0.norm1.weight": m.n1.weight, "layer0.norm1.bias": m.n1.bias,
            "layer0.attention.query.weight": q, "layer0.attention.key.weight": k, "layer0.attention.value.weight": v,
            "layer0.attention.out.weight": m.proj.weight, "layer0.norm2.weight": m.n2.weight, "layer0.norm2.bias": m.n2.bias,
            "layer0.ffn.in.weight": m.up.weight, "layer0.ffn.out.weight": m.down.weight,
            "final.norm.weight": m.nf.weight, "final.norm.bias": m.nf.bias}


def split_tensors(m):
    return {"token.arc.amplitude": m.arc[0:1], "token.arc.start": m.arc[1:2], "token.arc.stride": m.arc[2:3],
            "position.equals": m.eq_pos, "position.sum_carry": m.carry_pos, "layer0.attention.phase": m.theta,
            "layer0.attention.key.weight": m.wqk, "layer0.attention.out.A": m.out_a, "layer0.attention.out.B": m.out_b,
            "layer0.ffn.in.weight": m.fc1, "head.H": m.head, "norm.weight": m.norm}


def main():
    name, seed, steps, batch, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    torch.manual_seed(seed)
    if name == "p777":
        model, tensors, vocab = Classic(), classic_tensors, 14
        make = lambda a, b: (*rows(a, b), 21)
    elif name == "p311":
        check_lowrank_published()
        torch.manual_seed(seed)
        model, tensors, vocab = LowRank(), lowrank_tensors, 14
        make = lambda a, b: (*rows(a, b), 21)  # msb-rev-v14, as classic-777: 33 inputs, targets at positions 21..32
    else:
        from torch_reference import P57
        model, tensors, vocab = P57(), split_tensors, 10
        make = P57.batch
    dump = lambda: {k: v.detach().double().flatten().tolist() for k, v in tensors(model).items()}
    init = dump()
    opt = torch.optim.AdamW(model.parameters(), lr=0.02, weight_decay=0.01)
    g = torch.Generator().manual_seed(seed + 1)
    batches, losses, norms = [], [], []
    for _ in range(steps):
        n = torch.randint(1, 11, (batch,), generator=g)
        a = (torch.rand(batch, generator=g, dtype=torch.float64) * 10 ** n).long()
        b = (torch.rand(batch, generator=g, dtype=torch.float64) * 10 ** n).long()
        x, y, start = make(a, b)
        loss = F.cross_entropy(model(x)[:, start:start + 12].reshape(-1, vocab), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        norms.append(torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0).item())
        opt.step()
        batches.append([a.tolist(), b.tolist()])
        losses.append(loss.item())
    json.dump({"model": name, "seed": seed, "lr": 0.02, "weightDecay": 0.01, "clipNorm": 1.0, "torch": torch.__version__,
               "init": init, "final": dump(), "batches": batches, "losses": losses, "gradNorms": norms},
              open(out, "w"), separators=(",", ":"))


if __name__ == "__main__":
    main()
