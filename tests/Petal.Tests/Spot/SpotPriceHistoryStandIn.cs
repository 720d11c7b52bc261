using Petal.Tests.Support;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Web;

namespace Petal.Tests.Spot;

/// <summary>
/// A STAND-IN for EC2's DescribeSpotPriceHistory (moto's spot history is fake: one constant price, no
/// paging): an HttpListener on 127.0.0.1 replaying recorded response pages chained by NextToken, the
/// last one without a token. Records each request's form so tests can check what the SDK sent.
/// </summary>
public sealed class SpotPriceHistoryStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyList<string> _pages;
    private readonly Task _loop;

    public string Url { get; }
    public List<System.Collections.Specialized.NameValueCollection> Requests { get; } = [];

    /// <param name="pages">Each page's &lt;item&gt; elements.</param>
    public SpotPriceHistoryStandIn(IReadOnlyList<string> pages)
    {
        _pages = pages;
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public static string Item(string type, string zone, string price, string timestamp) =>
        $"<item><availabilityZone>{zone}</availabilityZone><instanceType>{type}</instanceType>"
        + $"<productDescription>Linux/UNIX</productDescription><spotPrice>{price}</spotPrice><timestamp>{timestamp}</timestamp></item>";

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
            lock (Requests) Requests.Add(form);
            var index = form["NextToken"] is { } token ? int.Parse(token["page-".Length..]) : 0;
            var next = index + 1 < _pages.Count ? $"<nextToken>page-{index + 1}</nextToken>" : "";
            var body = Encoding.UTF8.GetBytes(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeSpotPriceHistoryResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + $"<requestId>stand-in-{index}</requestId><spotPriceHistorySet>{_pages[index]}</spotPriceHistorySet>{next}</DescribeSpotPriceHistoryResponse>");
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
