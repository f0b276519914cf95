"""mlp: feed-forward networks and backpropagation in NumPy, for the course
"Backpropagation, from the Perceptron to MNIST".

Conventions used everywhere: examples are **rows** (``X.shape == (B, d0)``), each
weight matrix is stored **(out, in)** so that ``Z = A @ W.T + b``, the cost is the
**mean** over a batch, randomness comes only from an explicit
``numpy.random.Generator``, and float64 is the default dtype.

Modules, in the order they build on each other:

* ``activations``, ``losses``  φ, φ′ and the costs
* ``init``                     initial weights
* ``network``                  forward pass and backpropagation (Lemma 1)
* ``gradcheck``                finite-difference checks
* ``autodiff``                 a small reverse- and forward-mode automatic differentiator
* ``optim``, ``training``      optimisers, schedules, the training loop (``mlp.train``)
* ``tiny``                     the two-weight network of the training-dynamics chapters
* ``classic``                  McCulloch–Pitts, perceptron, Adaline
* ``approximation``            hand-built ReLU networks: interpolants, the deep sawtooth
* ``datasets``, ``mnist``      toy data and MNIST
* ``augment``                  data augmentation (random translations)
* ``plots``, ``widgets``       figures and interactive explorers
* ``exercises``                auto-checked exercises
"""

# Submodules, so that ``import mlp`` is enough: ``mlp.datasets.xor()``, ``mlp.plots...``
from . import (
    activations,
    approximation,
    augment,
    autodiff,
    classic,
    datasets,
    gradcheck,
    init,
    losses,
    mnist,
    network,
    optim,
    plots,
    tiny,
    training,
    widgets,
)
from .activations import get_activation
from .gradcheck import check_gradients, numerical_gradient, relative_error
from .losses import get_loss, one_hot
from .network import Network
from .optim import (
    AdaGrad,
    Adam,
    GradientDescent,
    Momentum,
    Nesterov,
    Newton,
    RMSProp,
)
from .training import History, train

__all__ = [
    "activations",
    "approximation",
    "augment",
    "autodiff",
    "classic",
    "datasets",
    "gradcheck",
    "init",
    "losses",
    "mnist",
    "network",
    "optim",
    "plots",
    "tiny",
    "training",
    "widgets",
    "Network",
    "train",
    "History",
    "get_activation",
    "get_loss",
    "one_hot",
    "check_gradients",
    "numerical_gradient",
    "relative_error",
    "GradientDescent",
    "Momentum",
    "Nesterov",
    "AdaGrad",
    "RMSProp",
    "Adam",
    "Newton",
]

__version__ = "0.1.0"
