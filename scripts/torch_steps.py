#!/usr/bin/env python3
"""Writes the PyTorch side of adder4j's step-for-step check (TorchStepsTest): initial weights, the batches, the loss and
gradient norm of every step, and the weights after N AdamW steps (lr 0.02, wd 0.01, global-norm clip 1.0), for one
architecture, as JSON. Parameter names are adder4j's.

Usage:  python3 scripts/torch_steps.py p777|p57 SEED STEPS BATCH OUT.json
Needs PyTorch (apt-get install python3-torch); the architectures are scripts/torch_train.py's and
../shared/bench/torch_reference.py's.
"""
import json, os, sys
import torch, torch.nn.functional as F

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "bench"))
from torch_train import Classic, rows  # noqa: E402

torch.set_num_threads(1)


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
