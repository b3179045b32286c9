using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using InfoFunctions.Submissions;
using MimeKit;

namespace InfoFunctions.Mailbox;

public enum AutoKind { None, AutoReply, Bounce }
