"""Anchor: PyTorch sampling speed of a character language model, one step per character.

Embedding 64, LSTM 2 x 512, Linear to 65 (random weights: speed does not depend on them), batch 1.
Each run reads a 7-character prime and generates 300 characters, one model step per character,
the hidden state carried from step to step, under torch.no_grad: greedy (argmax) and top-p
(p = 0.9, temperature 1, torch.multinomial over the nucleus). The same loop as
packages/models/bench/sampling-speed.bench.ts; `npm run bench` runs both.
Usage: python3 torch_sampling_bench.py [threads] [runs]
Prints one line per mode: name, ms/char (median of timed runs / generated chars), chars/s; then
the CPU time the process used (all threads), which the harness subtracts to see other processes' load.
"""
import sys, time, statistics
import torch
import torch.nn as nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
torch.set_num_threads(threads)
torch.manual_seed(0)

# Tinyshakespeare's characters but "$", after a reserved id 0: 65 ids, as the bench's vocabulary.
ALPHABET = "\n !&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
V, PRIME, LENGTH, P = len(ALPHABET) + 1, "ROMEO:\n", 300, 0.9
ids = {ch: i + 1 for i, ch in enumerate(ALPHABET)}


class CharLM(nn.Module):
    def __init__(self, vocab, emb, hidden, layers):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.rnn = nn.LSTM(emb, hidden, num_layers=layers, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def step(self, token, state):
        h, state = self.rnn(self.emb(token), state)
        return self.out(h[:, -1]), state


def greedy(logits):
    return int(logits.argmax(-1))


def top_p(logits):
    probs = torch.softmax(logits[0], -1)
    sorted_probs, order = torch.sort(probs, descending=True)
    # Keep the smallest prefix whose mass reaches P: a token stays if the mass before it is short of P.
    keep = (torch.cumsum(sorted_probs, 0) - sorted_probs) < P
    nucleus = sorted_probs * keep
    return int(order[torch.multinomial(nucleus, 1)])


def generate(model, choose):
    state = None
    for ch in PRIME:
        logits, state = model.step(torch.tensor([[ids[ch]]]), state)
    out = []
    for i in range(LENGTH):
        token = choose(logits)
        out.append(ALPHABET[token - 1] if token > 0 else "")
        if i == LENGTH - 1:
            break
        logits, state = model.step(torch.tensor([[token]]), state)
    return "".join(out)


def bench(name, model, choose, warm=1):
    times = []
    with torch.no_grad():
        for i in range(warm + runs):
            t = time.perf_counter()
            generate(model, choose)
            if i >= warm:
                times.append(time.perf_counter() - t)
    ms = statistics.median(times) * 1000 / LENGTH
    print(f"{name}\t{ms:.3f} ms/char\t{1000 / ms:.0f} chars/s", flush=True)


model = CharLM(V, 64, 512, 2).eval()
bench("sample-lstm-512x2-greedy", model, greedy)
bench("sample-lstm-512x2-top-p", model, top_p)
print(f"cpu\t{time.process_time():.2f} s", flush=True)
