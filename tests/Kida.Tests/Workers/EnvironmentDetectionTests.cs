using Kida.Workers;

namespace Kida.Tests.Workers;

public class EnvironmentDetectionTests
{
    public static TheoryData<string> CiVariables => new(WorkerTuner.CiVariables);

    [Fact]
    public void No_variables_means_local()
    {
        Assert.Equal(DeploymentEnvironment.Local, Hosts.Local(8).DetectEnvironment());
    }

    [Fact]
    public void The_ci_variable_list_is_the_documented_ten()
    {
        Assert.Equal(
            ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL", "BUILDKITE", "CODEBUILD_BUILD_ID", "AZURE_PIPELINES", "TF_BUILD"],
            WorkerTuner.CiVariables);
    }

    [Theory]
    [MemberData(nameof(CiVariables))]
    public void Each_ci_variable_set_to_a_value_means_ci(string variable)
    {
        Assert.Equal(DeploymentEnvironment.Ci, Hosts.WithVariables(8, (variable, "true")).DetectEnvironment());
        Assert.Equal(DeploymentEnvironment.Ci, Hosts.WithVariables(8, (variable, "https://ci.example/job/1")).DetectEnvironment());
    }

    [Theory]
    [MemberData(nameof(CiVariables))]
    public void Each_ci_variable_set_but_empty_is_ignored(string variable)
    {
        Assert.Equal(DeploymentEnvironment.Local, Hosts.WithVariables(8, (variable, "")).DetectEnvironment());
    }

    [Theory]
    [InlineData("false")]
    [InlineData("FALSE")]
    [InlineData("False")]
    [InlineData("0")]
    [InlineData(" false ")]
    public void A_ci_variable_set_to_false_or_0_does_not_mean_ci(string value)
    {
        Assert.Equal(DeploymentEnvironment.Local, Hosts.WithVariables(8, ("CI", value)).DetectEnvironment());
        Assert.Equal(DeploymentEnvironment.Local, Hosts.WithVariables(8, ("GITHUB_ACTIONS", value)).DetectEnvironment());
    }

    [Fact]
    public void A_false_ci_variable_does_not_hide_another_that_is_set()
    {
        Assert.Equal(DeploymentEnvironment.Ci, Hosts.WithVariables(8, ("CI", "false"), ("TF_BUILD", "True")).DetectEnvironment());
    }

    [Theory]
    [InlineData("ci", DeploymentEnvironment.Ci)]
    [InlineData("CI", DeploymentEnvironment.Ci)]
    [InlineData("local", DeploymentEnvironment.Local)]
    [InlineData("Local", DeploymentEnvironment.Local)]
    [InlineData("production", DeploymentEnvironment.Production)]
    [InlineData("PRODUCTION", DeploymentEnvironment.Production)]
    [InlineData("Production", DeploymentEnvironment.Production)]
    public void Kida_env_selects_the_environment_in_any_case(string value, DeploymentEnvironment expected)
    {
        Assert.Equal(expected, Hosts.WithVariables(8, ("KIDA_ENV", value)).DetectEnvironment());
    }

    [Theory]
    [InlineData("local", DeploymentEnvironment.Local)]
    [InlineData("production", DeploymentEnvironment.Production)]
    public void Kida_env_wins_over_ci_variables(string value, DeploymentEnvironment expected)
    {
        Assert.Equal(expected, Hosts.WithVariables(8, ("KIDA_ENV", value), ("CI", "true"), ("GITHUB_ACTIONS", "true")).DetectEnvironment());
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    [InlineData("")]
    public void An_unknown_kida_env_is_ignored(string value)
    {
        Assert.Equal(DeploymentEnvironment.Local, Hosts.WithVariables(8, ("KIDA_ENV", value)).DetectEnvironment());
        Assert.Equal(DeploymentEnvironment.Ci, Hosts.WithVariables(8, ("KIDA_ENV", value), ("CI", "1")).DetectEnvironment());
    }

    [Fact]
    public void Production_comes_only_from_kida_env()
    {
        Assert.Equal(DeploymentEnvironment.Local, Hosts.WithVariables(8, ("ENVIRONMENT", "production"), ("ASPNETCORE_ENVIRONMENT", "Production")).DetectEnvironment());
    }

    [Fact]
    public void An_explicit_environment_argument_overrides_detection()
    {
        var tuner = Hosts.WithVariables(64, ("CI", "true"));

        Assert.Equal(2, tuner.GetOptimalWorkers(100));
        Assert.Equal(8, tuner.GetOptimalWorkers(100, environment: DeploymentEnvironment.Production));
    }
}
