namespace InfoFunctions.Tests.Hardening;

/// <summary>Who a hostile request comes from: someone the route lets in, so the input is what gets judged.</summary>
public enum Caller
{
    /// <summary>No credentials: webhooks (function key) and public pages.</summary>
    Nobody,
    /// <summary>杨帆, 信息员 of 埇桥区 (yq): the seeded report's author.</summary>
    Officer,
    /// <summary>林晓雯, 编辑 (and 信息员) of 研究室.</summary>
    Editor,
    /// <summary>周明远, 签发 and 编辑.</summary>
    Signer,
    /// <summary>高建国, 领导.</summary>
    Leader,
    /// <summary>宋怡然, 管理员.</summary>
    Admin,
}
