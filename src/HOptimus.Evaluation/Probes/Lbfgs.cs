namespace HOptimus.Evaluation.Probes;

/// <summary>
/// Limited-memory BFGS for smooth convex objectives (the L2-regularised softmax loss), with a backtracking
/// Armijo line search. Stops when the largest gradient entry is below <see cref="GradientTolerance"/> or the
/// loss stops moving (relative change below 1e-12), as sklearn's lbfgs solver does with gtol/ftol.
/// </summary>
public sealed record Lbfgs(int MaxIterations = 1000, double GradientTolerance = 1e-6, int Memory = 10)
{
    /// <summary>The objective: fills the gradient at x and returns the loss.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    public sealed record Result(double[] X, double Loss, int Iterations, bool Converged);

    public Result Minimize(Objective objective, double[] start)
    {
        var n = start.Length;
        var x = (double[])start.Clone();
        var g = new double[n];
        var loss = objective(x, g);
        var s = new List<double[]>();
        var y = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (MaxAbs(g) < GradientTolerance) return new Result(x, loss, iteration, true);
            TwoLoop(g, s, y, rho, direction);
            var slope = Dot(g, direction);
            if (slope >= 0)
            {
                // Lost descent (numerical noise in the curvature pairs): restart from steepest descent.
                s.Clear(); y.Clear(); rho.Clear();
                for (var i = 0; i < n; i++) direction[i] = -g[i];
                slope = -Dot(g, g);
            }
            // The first step has no curvature estimate yet: keep it short relative to the gradient.
            var step = s.Count == 0 ? Math.Min(1, 1 / Math.Sqrt(-slope)) : 1.0;
            double lossNew;
            var accepted = false;
            for (var halving = 0; ; halving++)
            {
                for (var i = 0; i < n; i++) xNew[i] = x[i] + step * direction[i];
                lossNew = objective(xNew, gNew);
                if (lossNew <= loss + 1e-4 * step * slope) { accepted = true; break; }
                if (halving == 60) break;
                step *= 0.5;
            }
            if (!accepted) return new Result(x, loss, iteration, false);
            var sk = new double[n];
            var yk = new double[n];
            for (var i = 0; i < n; i++) { sk[i] = xNew[i] - x[i]; yk[i] = gNew[i] - g[i]; }
            var sy = Dot(sk, yk);
            if (sy > 1e-12 * Math.Sqrt(Dot(sk, sk) * Dot(yk, yk)))
            {
                if (s.Count == Memory) { s.RemoveAt(0); y.RemoveAt(0); rho.RemoveAt(0); }
                s.Add(sk); y.Add(yk); rho.Add(1 / sy);
            }
            var relativeChange = (loss - lossNew) / Math.Max(Math.Max(Math.Abs(loss), Math.Abs(lossNew)), 1);
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            loss = lossNew;
            if (relativeChange <= 1e-12) return new Result(x, loss, iteration + 1, MaxAbs(g) < GradientTolerance * 10);
        }
        return new Result(x, loss, MaxIterations, MaxAbs(g) < GradientTolerance);
    }

    /// <summary>Nocedal and Wright, algorithm 7.4: direction = -H g from the stored curvature pairs.</summary>
    private static void TwoLoop(double[] g, List<double[]> s, List<double[]> y, List<double> rho, double[] direction)
    {
        var q = direction;
        Array.Copy(g, q, g.Length);
        var alpha = new double[s.Count];
        for (var k = s.Count - 1; k >= 0; k--)
        {
            alpha[k] = rho[k] * Dot(s[k], q);
            Axpy(-alpha[k], y[k], q);
        }
        if (s.Count > 0)
        {
            var last = s.Count - 1;
            var gamma = Dot(s[last], y[last]) / Dot(y[last], y[last]);
            for (var i = 0; i < q.Length; i++) q[i] *= gamma;
        }
        for (var k = 0; k < s.Count; k++)
        {
            var beta = rho[k] * Dot(y[k], q);
            Axpy(alpha[k] - beta, s[k], q);
        }
        for (var i = 0; i < q.Length; i++) q[i] = -q[i];
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++) y[i] += a * x[i];
    }

    private static double MaxAbs(double[] v)
    {
        double max = 0;
        foreach (var e in v) max = Math.Max(max, Math.Abs(e));
        return max;
    }
}
