//! Stakeholders on the client side and the roles they play in the decision.

use super::{Day, Id};

/// A role a stakeholder plays; a person can hold several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    DecisionMaker,
    Champion,
    Coach,
    TechnicalBuyer,
    User,
    ProcurementLegal,
    Blocker,
}

super::keyed::stored_as_keys!(
    Role,
    [
    Role::DecisionMaker => "dm",
    Role::Champion => "ch",
    Role::Coach => "co",
    Role::TechnicalBuyer => "tb",
    Role::User => "us",
    Role::ProcurementLegal => "pl",
    Role::Blocker => "bl",
    ]
);

impl Role {
    pub const ALL: [Role; 7] = [
        Role::DecisionMaker,
        Role::Champion,
        Role::Coach,
        Role::TechnicalBuyer,
        Role::User,
        Role::ProcurementLegal,
        Role::Blocker,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Role::DecisionMaker => "Decision maker / economic buyer",
            Role::Champion => "Champion",
            Role::Coach => "Coach",
            Role::TechnicalBuyer => "Technical buyer",
            Role::User => "User",
            Role::ProcurementLegal => "Procurement or legal",
            Role::Blocker => "Blocker",
        }
    }
    pub fn short(self) -> &'static str {
        match self {
            Role::DecisionMaker => "Decision maker",
            other => other.label(),
        }
    }
}

/// A person on the client side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stakeholder {
    pub id: Id,
    pub name: String,
    pub title: String,
    pub roles: Vec<Role>,
    pub engaged: bool,
    pub last_contact: Option<Day>,
    pub notes: String,
}

super::keyed::stored_as_object!(Stakeholder {
    id: "i",
    name: "n",
    #[omit_empty]
    title: "t" = String::new(),
    #[omit_empty]
    roles: "r" = Vec::new(),
    #[omit_empty]
    engaged: "e" = false,
    #[omit_empty]
    last_contact: "c" = None,
    #[omit_empty]
    notes: "x" = String::new(),
});

impl Stakeholder {
    pub fn new(id: Id, name: String) -> Stakeholder {
        Stakeholder {
            id,
            name,
            title: String::new(),
            roles: Vec::new(),
            engaged: false,
            last_contact: None,
            notes: String::new(),
        }
    }
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
    /// "Dana Kim (Champion, Coach)", or just the name without roles.
    pub fn with_roles(&self) -> String {
        if self.roles.is_empty() {
            self.name.clone()
        } else {
            let roles = super::text::join(self.roles.iter().map(|r| r.short()), ", ");
            format!("{} ({roles})", self.name)
        }
    }
}
