Console.WriteLine("usage: dotnet run -c Release --project benchmarks/CityOps.Benchmarks -- <benchmark>");
