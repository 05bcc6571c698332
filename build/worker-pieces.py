"""Prints one line saying which Azure Functions pieces src/OkCow.Functions is built with: real packages or stand-in."""
import json
import subprocess
import sys

project = "src/OkCow.Functions/OkCow.Functions.csproj"
answer = subprocess.run(
    ["dotnet", "msbuild", project, "-getProperty:OkCowCosmosExtension",
     "-getItem:PackageReference", "-getItem:PackageVersion"],
    check=True, capture_output=True, text=True).stdout
evaluated = json.loads(answer)
versions = {i["Identity"]: i["Version"] for i in evaluated["Items"]["PackageVersion"]}
real = [f"{i['Identity']} {versions[i['Identity']]}" for i in evaluated["Items"]["PackageReference"]
        if i["Identity"].startswith("Microsoft.Azure.Functions.Worker")]
cosmos = "Microsoft.Azure.Functions.Worker.Extensions.CosmosDB"
if evaluated["Properties"]["OkCowCosmosExtension"] == "package":
    standin = "none"
else:
    standin = f"{cosmos} (CosmosDBTriggerAttribute, CosmosDBChangeFeedMode from src/OkCow.Functions.WorkerStandIn, compile-only)"
print(f"Azure Functions worker: REAL {', '.join(real)}; STAND-IN {standin}")
sys.exit(0)
