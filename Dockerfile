# The portal as a container, for users deploying it next to their own PostgreSQL (see docker-compose.yml).
# Not exercised by the test suite: the build machines have no Docker engine.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Portal/Portal.csproj -c Release -o /app \
 && cp -r appsettings.json migrations /app/ \
 && cp -r wwwroot/. /app/wwwroot/

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV PORTAL_CONTENT_ROOT=/app \
    ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080 4317
USER app
ENTRYPOINT ["dotnet", "Portal.dll"]
