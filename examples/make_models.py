#!/usr/bin/python3
# Part of the Tessera project, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Writes the small example models that the demo and the tests use.

Run with Debian's python3 (python3-torch 1.13, python3-onnx):
    /usr/bin/python3 examples/make_models.py [OUT_DIR]

For each model NAME it writes OUT_DIR/NAME.onnx plus NAME.input_0.npy and
NAME.output_0.npy: a fixed input and the output PyTorch computes for it, an
independent reference for tessera-run. Seeds are fixed, so the files are
reproducible; they are committed under examples/models/.
"""
import os
import sys

import numpy as np
import torch
from torch import nn

OPSET = 17


class MlpGelu(nn.Module):
    """Linear -> GELU -> Linear -> softmax."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.fc2 = nn.Linear(32, 4)

    def forward(self, x):
        return torch.softmax(self.fc2(nn.functional.gelu(self.fc1(x))), dim=-1)


class ConvBnRelu(nn.Module):
    """Conv2d -> BatchNorm2d (running statistics) -> ReLU -> max pool."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        return self.pool(torch.relu(self.bn(self.conv(x))))


class Lstm(nn.Module):
    """A one-layer LSTM returning the full output sequence."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(8, 16, batch_first=True)

    def forward(self, x):
        return self.lstm(x)[0]


def make_models():
    """(name, module, example input, export options) for every model."""
    torch.manual_seed(0)
    conv = ConvBnRelu()
    with torch.no_grad():  # Non-trivial running statistics.
        conv.bn.running_mean.uniform_(-0.5, 0.5)
        conv.bn.running_var.uniform_(0.5, 1.5)
        conv.bn.weight.uniform_(0.5, 1.5)
        conv.bn.bias.uniform_(-0.5, 0.5)
    encoder = nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64,
                                         dropout=0.0, batch_first=True)
    return [
        ("mlp_gelu", MlpGelu(), torch.randn(2, 16), {}),
        ("transformer_encoder", encoder, torch.randn(1, 8, 32), {}),
        # PRESERVE keeps BatchNormalization instead of folding it into Conv.
        ("conv_bn_relu", conv, torch.randn(1, 3, 16, 16),
         {"training": torch.onnx.TrainingMode.PRESERVE}),
        ("lstm", Lstm(), torch.randn(2, 5, 8), {}),
    ]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "models")
    os.makedirs(out_dir, exist_ok=True)
    for name, module, example, options in make_models():
        module.eval()
        path = os.path.join(out_dir, name + ".onnx")
        torch.onnx.export(module, (example,), path, opset_version=OPSET,
                          input_names=["input"], output_names=["output"],
                          do_constant_folding=True, **options)
        with torch.no_grad():
            expected = module(example)
        np.save(os.path.join(out_dir, name + ".input_0.npy"), example.numpy())
        np.save(os.path.join(out_dir, name + ".output_0.npy"), expected.numpy())
        print(f"{path}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
