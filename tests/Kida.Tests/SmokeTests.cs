namespace Kida.Tests;
public class SmokeTests { [Fact] public void Runs() => Assert.True(true); }
