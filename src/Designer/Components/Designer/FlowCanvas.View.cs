using Blazor.Diagrams.Core.Models;
using CityOps.Designer.Canvas;

namespace CityOps.Designer.Components.Designer;

/// <summary>The view side of the canvas: zoom, fit, screen points, marks.</summary>
public sealed partial class FlowCanvas
{
    public void ZoomBy(double factor)
    {
        var container = _diagram.Container;
        var zoom = Math.Clamp(_diagram.Zoom * factor, _diagram.Options.Zoom.Minimum, _diagram.Options.Zoom.Maximum);
        if (container is null)
        {
            _diagram.SetZoom(zoom);
            return;
        }

        // Keep the middle of the view where it is.
        var cx = container.Width / 2;
        var cy = container.Height / 2;
        var x = (cx - _diagram.Pan.X) / _diagram.Zoom;
        var y = (cy - _diagram.Pan.Y) / _diagram.Zoom;
        _diagram.SetZoom(zoom);
        _diagram.SetPan(cx - x * zoom, cy - y * zoom);
    }

    /// <summary>Zooms and pans so every node is visible (node sizes are estimated until the browser has measured them).</summary>
    public void Fit() => Fit(_diagram.Options.Zoom.Minimum);

    /// <summary>
    /// After loading: fit, but never smaller than readable; a long flow then opens at its top and is scrolled by
    /// dragging the background.
    /// </summary>
    private void FitWhenPlaced()
    {
        if (_fitPending && _diagram.Container is { Width: > 0 })
        {
            _fitPending = false;
            Fit(0.5);
        }
    }

    private void Fit(double minimumZoom)
    {
        var nodes = _diagram.Nodes.ToList();
        if (nodes.Count == 0 || _diagram.Container is not { } container || container.Width <= 0)
        {
            return;
        }

        var left = nodes.Min(n => n.Position.X);
        var top = nodes.Min(n => n.Position.Y);
        var right = nodes.Max(n => n.Position.X + (n.Size?.Width ?? 180));
        var bottom = nodes.Max(n => n.Position.Y + (n.Size?.Height ?? 90));
        const double margin = 40;
        var zoom = Math.Clamp(Math.Min((container.Width - 2 * margin) / (right - left), (container.Height - 2 * margin) / (bottom - top)), minimumZoom, 1.2);
        _diagram.SetZoom(zoom);
        _diagram.SetPan(((container.Width - (right - left) * zoom) / 2) - left * zoom, margin - top * zoom);
    }

    /// <summary>A point in canvas coordinates for a point on the screen (drop target), or the middle of the view.</summary>
    public (double X, double Y) ToCanvasPoint(double? clientX = null, double? clientY = null)
    {
        if (_diagram.Container is not { } container)
        {
            return (40, 40);
        }

        if (clientX is { } cx && clientY is { } cy)
        {
            var p = _diagram.GetRelativeMousePoint(cx, cy);
            return (p.X, p.Y);
        }

        return (((container.Width / 2) - _diagram.Pan.X) / _diagram.Zoom - 90, ((container.Height / 2) - _diagram.Pan.Y) / _diagram.Zoom - 40);
    }

    /// <summary>Marks nodes (error, executed, waiting, faulted) and highlights links; everything else is cleared.</summary>
    public void SetMarks(IReadOnlyDictionary<string, string> nodeMarks, IReadOnlySet<CanvasLink>? links = null)
    {
        ArgumentNullException.ThrowIfNull(nodeMarks);
        foreach (var node in _diagram.Nodes.OfType<ActivityNodeModel>())
        {
            var mark = nodeMarks.GetValueOrDefault(node.Id);
            if (node.Mark != mark)
            {
                node.Mark = mark;
                node.Refresh();
            }
        }

        foreach (var link in _diagram.Links.OfType<LinkModel>())
        {
            var on = links is not null && ToCanvasLink(link) is { } l && links.Contains(l);
            link.Color = on ? HighlightColor : null!;
            link.Width = on ? 3 : 2;
            link.Refresh();
        }
    }

    /// <summary>
    /// Ports measure themselves relative to the canvas once; ports drawn before the canvas knew its own place (first
    /// render, resize) would otherwise keep wrong positions and links would snap to the wrong port.
    /// </summary>
    private void RemeasurePorts()
    {
        FitWhenPlaced();
        foreach (var port in _diagram.Nodes.SelectMany(n => n.Ports))
        {
            port.Initialized = false;
            port.Refresh();
        }
    }
}
